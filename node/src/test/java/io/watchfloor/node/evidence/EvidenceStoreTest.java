package io.watchfloor.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceStoreTest {

  @Test
  void shouldMakeEverySegmentNameOneSafeDirectoryName() {
    assertThat(EvidenceStore.directoryName("dmz-eth1")).isEqualTo("dmz-eth1");
    assertThat(EvidenceStore.directoryName("../etc")).isEqualTo("_.._etc");
    assertThat(EvidenceStore.directoryName("a/b\\c")).isEqualTo("a_b_c");
    assertThat(EvidenceStore.directoryName("..")).isEqualTo("_..");
    assertThat(EvidenceStore.directoryName("file:x.pcap")).isEqualTo("file_x.pcap");
  }
}
