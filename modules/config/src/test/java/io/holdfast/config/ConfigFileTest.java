package io.holdfast.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfigFileTest {

  @TempDir
  Path dir;

  @Test
  void aRewriteKeepsTheFilesMode() throws Exception {
    Path file = Files.writeString(dir.resolve("holdfast.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    ConfigFile.writeAtomically(file, "{\"instances\": 1}\n");

    assertThat(Files.readString(file)).isEqualTo("{\"instances\": 1}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    assertThat(dir.toFile().list()).containsExactly("holdfast.json");
  }

  @Test
  void aRewriteKeepsTheFilesOwnerAndGroup() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    Path file = Files.writeString(dir.resolve("holdfast.json"), "{}");
    var lookup = file.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
    GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName(groupOf("nobody"));
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    view.setOwner(nobody);
    view.setGroup(nogroup);

    ConfigFile.writeAtomically(file, "{\"instances\": 1}\n");

    var attributes = Files.getFileAttributeView(file, PosixFileAttributeView.class).readAttributes();
    assertThat(attributes.owner()).isEqualTo(nobody);
    assertThat(attributes.group()).isEqualTo(nogroup);
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsRewritten() throws Exception {
    Files.createDirectory(dir.resolve("real"));
    Path target = Files.writeString(dir.resolve("real/holdfast.json"), "{}");
    Path link = Files.createSymbolicLink(dir.resolve("holdfast.json"), target);

    ConfigFile.writeAtomically(link, "{\"instances\": 1}\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("{\"instances\": 1}\n");
    assertThat(dir.resolve("real").toFile().list()).containsExactly("holdfast.json");
  }

  private static String groupOf(String user) throws Exception {
    Process id = new ProcessBuilder("id", "-gn", user).start();
    return new String(id.getInputStream().readAllBytes()).trim();
  }
}
