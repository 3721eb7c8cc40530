package dev.dovetail.wasi;

import static dev.dovetail.wasi.V.own;
import static dev.dovetail.wasi.V.some;

import dev.dovetail.runtime.HostFunction;
import dev.dovetail.runtime.Val;
import java.util.List;

/**
 * {@code wasi:sockets/*}, present so that guests importing them link, and denying everything: no
 * socket can be created and no name resolved ({@code error-code::access-denied}). Network access
 * cannot be granted yet. Methods of sockets exist for linking only, since no socket ever exists.
 */
final class SocketsHost {
    private SocketsHost() {}

    private static final Val ACCESS_DENIED = V.err(V.enumCase("access-denied"));

    /** The host object of the one {@code network} resource: a capability that grants nothing. */
    private record Network() {}

    static void define(WasiContext cx, HostInterfaces hi) {
        HostFunction denied = a -> some(ACCESS_DENIED);
        HostFunction ready = a -> some(own(cx.pollable, cx.table.add(Pollable.Ready.INSTANCE)));

        hi.iface("wasi:sockets/network")
                .resource("network", cx.network)
                // network#network-error-code: no error comes from a socket
                .func("network-error-code", a -> some(V.NONE));
        hi.iface("wasi:sockets/instance-network")
                // instance-network#instance-network
                .func("instance-network", a -> some(own(cx.network, cx.table.add(new Network()))));
        hi.iface("wasi:sockets/ip-name-lookup")
                .resource("resolve-address-stream", cx.resolveAddressStream)
                // ip-name-lookup#resolve-addresses
                .func("resolve-addresses", denied)
                .func("[method]resolve-address-stream.resolve-next-address", denied)
                .func("[method]resolve-address-stream.subscribe", ready);
        // tcp-create-socket#create-tcp-socket, udp-create-socket#create-udp-socket
        hi.iface("wasi:sockets/tcp-create-socket").func("create-tcp-socket", denied);
        hi.iface("wasi:sockets/udp-create-socket").func("create-udp-socket", denied);

        HostInterfaces.Iface tcp = hi.iface("wasi:sockets/tcp").resource("tcp-socket", cx.tcpSocket);
        methods(tcp, "tcp-socket", denied, List.of("start-bind", "finish-bind", "start-connect", "finish-connect",
                "start-listen", "finish-listen", "accept", "local-address", "remote-address",
                "set-listen-backlog-size", "keep-alive-enabled", "set-keep-alive-enabled", "keep-alive-idle-time",
                "set-keep-alive-idle-time", "keep-alive-interval", "set-keep-alive-interval", "keep-alive-count",
                "set-keep-alive-count", "hop-limit", "set-hop-limit", "receive-buffer-size",
                "set-receive-buffer-size", "send-buffer-size", "set-send-buffer-size", "shutdown"));
        methods(tcp, "tcp-socket", noSocket(), List.of("is-listening", "address-family"));
        tcp.func("[method]tcp-socket.subscribe", ready);

        HostInterfaces.Iface udp = hi.iface("wasi:sockets/udp")
                .resource("udp-socket", cx.udpSocket)
                .resource("incoming-datagram-stream", cx.incomingDatagramStream)
                .resource("outgoing-datagram-stream", cx.outgoingDatagramStream);
        methods(udp, "udp-socket", denied, List.of("start-bind", "finish-bind", "stream", "local-address",
                "remote-address", "unicast-hop-limit", "set-unicast-hop-limit", "receive-buffer-size",
                "set-receive-buffer-size", "send-buffer-size", "set-send-buffer-size"));
        methods(udp, "udp-socket", noSocket(), List.of("address-family"));
        methods(udp, "incoming-datagram-stream", denied, List.of("receive"));
        methods(udp, "outgoing-datagram-stream", denied, List.of("check-send", "send"));
        for (String r : List.of("udp-socket", "incoming-datagram-stream", "outgoing-datagram-stream")) {
            udp.func("[method]" + r + ".subscribe", ready);
        }
    }

    private static void methods(HostInterfaces.Iface iface, String resource, HostFunction body, List<String> names) {
        for (String n : names) {
            iface.func("[method]" + resource + "." + n, body);
        }
    }

    /** For methods without a {@code result}: unreachable, as no socket can exist. */
    private static HostFunction noSocket() {
        return a -> {
            throw new IllegalStateException("wasi:sockets: no socket exists (network access is not granted)");
        };
    }
}
