package io.lightningop.runtime.js;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only files a job Context can read: in-memory modules under {@code /@job/} (linked jobs,
 * workflow globals) and {@code /@lightning/} (runtime helpers), and whatever the adaptor file
 * system serves. Read-only.
 */
final class ModuleFileSystem implements FileSystem {
  static final String JOB_DIR = "/@job/";
  static final String RUNTIME_DIR = "/@lightning/";

  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final FileSystem adaptors;

  ModuleFileSystem(FileSystem adaptors) {
    this.adaptors = adaptors;
  }

  /** Serves {@code content} at {@code path} (an absolute path under one of our folders). */
  void put(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
  }

  boolean has(String path) {
    return files.containsKey(path);
  }

  /** A file we serve; anything else goes to the adaptor file system. */
  private boolean ours(Path p) {
    return files.containsKey(p.toString());
  }

  @Override
  public Path parsePath(URI uri) {
    return adaptors != null ? adaptors.parsePath(uri) : Path.of(uri);
  }

  @Override
  public Path parsePath(String path) {
    return adaptors != null ? adaptors.parsePath(path) : Path.of(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
    if (ours(path)) {
      if (!files.containsKey(path.toString())) throw new NoSuchFileException(path.toString());
      if (modes.contains(AccessMode.WRITE)) throw new ReadOnlyFileSystemException();
      return;
    }
    if (adaptors == null) throw new NoSuchFileException(path.toString());
    adaptors.checkAccess(path, modes, options);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void delete(Path path) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (ours(path)) {
      byte[] data = files.get(path.toString());
      if (data == null) throw new NoSuchFileException(path.toString());
      return new ReadOnlyChannel(data);
    }
    if (adaptors == null) throw new NoSuchFileException(path.toString());
    return adaptors.newByteChannel(path, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    if (ours(dir) || adaptors == null) throw new NoSuchFileException(dir.toString());
    return adaptors.newDirectoryStream(dir, filter);
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() || adaptors == null ? path.toAbsolutePath() : adaptors.toAbsolutePath(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) throws IOException {
    if (ours(path) || adaptors == null) return path.normalize();
    return adaptors.toRealPath(path, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    if (ours(path)) {
      byte[] data = files.get(path.toString());
      if (data == null) throw new NoSuchFileException(path.toString());
      Map<String, Object> m = new HashMap<>();
      FileTime t = FileTime.fromMillis(0);
      m.put("isRegularFile", true);
      m.put("isDirectory", false);
      m.put("isSymbolicLink", false);
      m.put("isOther", false);
      m.put("size", (long) data.length);
      m.put("lastModifiedTime", t);
      m.put("lastAccessTime", t);
      m.put("creationTime", t);
      m.put("fileKey", null);
      return m;
    }
    if (adaptors == null) throw new NoSuchFileException(path.toString());
    return adaptors.readAttributes(path, attributes, options);
  }

  /** A read-only channel over a byte array. */
  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] data;
    private int pos;
    private boolean open = true;

    ReadOnlyChannel(byte[] data) { this.data = data; }

    @Override public int read(ByteBuffer dst) {
      if (pos >= data.length) return -1;
      int n = Math.min(dst.remaining(), data.length - pos);
      dst.put(data, pos, n);
      pos += n;
      return n;
    }
    @Override public int write(ByteBuffer src) { throw new ReadOnlyFileSystemException(); }
    @Override public long position() { return pos; }
    @Override public SeekableByteChannel position(long p) { pos = (int) Math.min(p, data.length); return this; }
    @Override public long size() { return data.length; }
    @Override public SeekableByteChannel truncate(long size) { throw new ReadOnlyFileSystemException(); }
    @Override public boolean isOpen() { return open; }
    @Override public void close() { open = false; }
  }
}
