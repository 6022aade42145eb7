package org.feedbackrouter.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;
import org.feedbackrouter.registry.RegisteredSchemas.Version;

/**
 * The registry's schemas as one small JSON file ({@code {"versions": [{"subject", "version", "id", "schema"}]}},
 * in registration order). Rewritten whole on every new version: a registry holds a few dozen schemas, and a
 * rename over the old file means a crash leaves either the old or the new file, never half of one.
 */
final class RegistryFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  RegistryFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** Puts the saved versions into the schemas; a missing file is an empty registry. */
  void loadInto(RegisteredSchemas schemas) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode versions = JSON.readTree(file.toFile()).path("versions");
      if (!versions.isArray()) {
        throw new IOException("no \"versions\" array");
      }
      for (JsonNode v : versions) {
        schemas.restore(new Version(v.path("subject").asText(), v.path("version").asInt(), v.path("id").asInt(),
            new Schema.Parser().parse(v.path("schema").asText())));
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a registry file of this demo (" + e.getMessage()
          + "); move it away to start with an empty registry", e);
    }
  }

  void save(List<Version> versions) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("versions");
    for (Version v : versions) {
      array.addObject().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
          .put("schema", v.schema().toString());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      // On disk before the rename, so a power cut cannot leave the new name on empty content.
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
