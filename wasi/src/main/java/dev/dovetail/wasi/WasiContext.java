package dev.dovetail.wasi;

import dev.dovetail.runtime.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The host side of one guest's WASI: its configuration, the host objects behind its handles
 * (open files, streams, pollables) and the host resource types. Made by
 * {@link Wasi#addToLinker}; close it when the guest is done, to release every file the guest left
 * open and flush its stdout and stderr (the host's streams themselves stay open).
 */
public final class WasiContext implements AutoCloseable {
    final WasiConfig config;
    final ResourceTable table = new ResourceTable();
    final List<Root> roots;
    final HostInput stdin;
    final JavaOutput stdout;
    final JavaOutput stderr;

    // wasi:io
    final ResourceType error = host("error");
    final ResourceType pollable = host("pollable");
    final ResourceType inputStream = host("input-stream");
    final ResourceType outputStream = host("output-stream");
    // wasi:cli
    final ResourceType terminalInput = host("terminal-input");
    final ResourceType terminalOutput = host("terminal-output");
    // wasi:filesystem
    final ResourceType descriptor = host("descriptor");
    final ResourceType directoryEntryStream = host("directory-entry-stream");
    // wasi:sockets
    final ResourceType network = host("network");
    final ResourceType tcpSocket = host("tcp-socket");
    final ResourceType udpSocket = host("udp-socket");
    final ResourceType incomingDatagramStream = host("incoming-datagram-stream");
    final ResourceType outgoingDatagramStream = host("outgoing-datagram-stream");
    final ResourceType resolveAddressStream = host("resolve-address-stream");

    WasiContext(WasiConfig config) {
        this.config = config;
        List<Root> rs = new ArrayList<>();
        for (Preopen p : config.preopens()) {
            try {
                rs.add(new Root(p.hostDir().toRealPath(), p.access(), p.guestPath()));
            } catch (IOException e) {
                throw new UncheckedIOException("preopen " + p.guestPath() + ": " + p.hostDir(), e);
            }
        }
        this.roots = List.copyOf(rs);
        this.stdin = config.stdinInherited() ? PipedInput.systemIn() : new PipedInput(config.stdin());
        this.stdout = new JavaOutput(config.stdout());
        this.stderr = new JavaOutput(config.stderr());
    }

    private ResourceType host(String name) {
        return ResourceType.host(name, table::drop);
    }

    public WasiConfig config() {
        return config;
    }

    /** How many host handles the guest holds now (streams, descriptors, pollables, ...). */
    public int openHandles() {
        return table.size();
    }

    /** Flushes the guest's stdout and stderr (without closing the host's streams). */
    public void flush() {
        stdout.flushQuietly();
        stderr.flushQuietly();
    }

    /** Flushes stdout and stderr and releases every host object the guest still holds. */
    @Override
    public void close() {
        flush();
        table.clear();
    }
}
