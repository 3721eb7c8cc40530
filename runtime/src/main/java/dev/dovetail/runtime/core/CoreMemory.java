package dev.dovetail.runtime.core;

import com.dylibso.chicory.runtime.Memory;

/** A core linear memory (32-bit addresses). Callers check bounds before every access. */
public final class CoreMemory implements CoreExtern {
    final Memory memory;

    CoreMemory(Memory memory) {
        this.memory = memory;
    }

    @Override
    public String kind() {
        return "memory";
    }

    /** The current size in bytes. */
    public long byteSize() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    public int readU8(long addr) {
        return memory.read((int) addr) & 0xff;
    }

    public int readU16(long addr) {
        return memory.readShort((int) addr) & 0xffff;
    }

    public int readI32(long addr) {
        return memory.readInt((int) addr);
    }

    public long readI64(long addr) {
        return memory.readLong((int) addr);
    }

    public byte[] readBytes(long addr, int length) {
        return memory.readBytes((int) addr, length);
    }

    public void writeU8(long addr, int v) {
        memory.writeByte((int) addr, (byte) v);
    }

    public void writeU16(long addr, int v) {
        memory.writeShort((int) addr, (short) v);
    }

    public void writeI32(long addr, int v) {
        memory.writeI32((int) addr, v);
    }

    public void writeI64(long addr, long v) {
        memory.writeLong((int) addr, v);
    }

    public void writeBytes(long addr, byte[] bytes) {
        memory.write((int) addr, bytes);
    }
}
