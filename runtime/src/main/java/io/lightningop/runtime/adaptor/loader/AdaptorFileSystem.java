package io.lightningop.runtime.adaptor.loader;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The read-only polyglot file system job Contexts import adaptors from. It serves the generated
 * ES module entry points ({@code /adaptors/<name>@<version>/.lightning-entry.mjs}) plus any package
 * file or compatibility module by its virtual path; nothing else exists and nothing can be written.
 */
public final class AdaptorFileSystem implements FileSystem {
  private final ModuleSources sources;
  private final Function<String, Optional<byte[]>> generated;

  public AdaptorFileSystem(ModuleSources sources, Function<String, Optional<byte[]>> generated) {
    this.sources = sources;
    this.generated = generated;
  }

  private Optional<byte[]> content(Path path) {
    String p = path.toString();
    if (!p.startsWith(ModuleResolver.ROOT)) return Optional.empty();
    Optional<byte[]> g = generated.apply(p);
    return g.isPresent() ? g : sources.bytes(p);
  }

  @Override
  public Path parsePath(URI uri) {
    if (!"file".equals(uri.getScheme())) throw new UnsupportedOperationException("only file URIs: " + uri);
    return Path.of(uri.getPath());
  }

  @Override
  public Path parsePath(String path) {
    return Path.of(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
    if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) throw new IOException("read-only: " + path);
    if (content(path.toAbsolutePath().normalize()).isEmpty()) throw new NoSuchFileException(path.toString());
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw new IOException("read-only file system: " + dir);
  }

  @Override
  public void delete(Path path) throws IOException {
    throw new IOException("read-only file system: " + path);
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
      throw new IOException("read-only file system: " + path);
    }
    byte[] bytes = content(path.toAbsolutePath().normalize()).orElseThrow(() -> new NoSuchFileException(path.toString()));
    return new ReadOnlyChannel(bytes);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    throw new IOException("listing is not supported: " + dir);
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() ? path : Path.of("/").resolve(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... linkOptions) {
    return toAbsolutePath(path).normalize();
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    byte[] bytes = content(path.toAbsolutePath().normalize()).orElseThrow(() -> new NoSuchFileException(path.toString()));
    Map<String, Object> attrs = new HashMap<>();
    FileTime epoch = FileTime.fromMillis(0);
    attrs.put("isRegularFile", true);
    attrs.put("isDirectory", false);
    attrs.put("isSymbolicLink", false);
    attrs.put("isOther", false);
    attrs.put("size", (long) bytes.length);
    attrs.put("lastModifiedTime", epoch);
    attrs.put("lastAccessTime", epoch);
    attrs.put("creationTime", epoch);
    attrs.put("fileKey", null);
    return attrs;
  }

  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] bytes;
    private int position;
    private boolean open = true;

    ReadOnlyChannel(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= bytes.length) return -1;
      int n = Math.min(dst.remaining(), bytes.length - position);
      dst.put(bytes, position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, bytes.length);
      return this;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
