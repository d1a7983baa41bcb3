package org.hosthog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          host|host
          HOST|host
          gpu|gpu
          gpu:3|gpu:3
          gpu:0-3|gpu:0-3
          gpu:0,2|gpu:0,2
          gpu:2,0,1|gpu:0-2
          gpu:0-1,2-3|gpu:0-3
          gpu:3,1|gpu:1,3
          cpu|cpu
          cpu:0-15|cpu:0-15
          cpu:8-15,0-7|cpu:0-15
          fpga0|fpga0
          scratch|scratch
          """)
  void parsesToCanonicalText(String input, String canonical) {
    Resource r = Resource.parse(input);
    assertEquals(canonical, r.text());
    assertEquals(r, Resource.parse(r.text()), "the text reads back");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          gpu:|not a list of indices
          gpu:a|not a list of indices
          gpu:3-1|not a list of indices
          gpu:-1|not a list of indices
          gpu:0-99999999|not a list of indices
          cpu:1,,2|not a list of indices
          FPGA 0|not a valid resource name
          9lives|not a valid resource name
          a\u001b[31m|not a valid resource name
          """)
  void rejectsBadResources(String input, String fragment) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Resource.parse(input));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(!e.getMessage().contains("\u001b"), "no escape echoed back");
  }

  @Test
  void defaultsAreSharedForTheHostAndExclusiveOtherwise() {
    assertEquals(Mode.SHARED, Claim.of(Resource.parse("host")).mode());
    assertEquals(Mode.EXCLUSIVE, Claim.of(Resource.parse("gpu:0")).mode());
    assertEquals(Mode.EXCLUSIVE, Claim.of(Resource.parse("cpu")).mode());
    assertEquals(Mode.EXCLUSIVE, Claim.of(Resource.parse("scratch")).mode());
  }

  @Test
  void inventoryListsWhatIsClaimableAndRejectsTheRest() {
    Inventory inv =
        new Inventory(64, List.of(new Gpu(0, "", "", 0), new Gpu(1, "", "", 0)), List.of("fpga0"));
    assertEquals(List.of("host", "gpu:0-1", "cpu:0-63", "fpga0"), inv.claimable());
    assertEquals(Optional.empty(), inv.problemWith(Resource.parse("gpu:1")));
    assertEquals(Optional.empty(), inv.problemWith(Resource.parse("gpu")));
    assertTrue(
        inv.problemWith(Resource.parse("gpu:2"))
            .orElseThrow()
            .contains("claimable here: host, gpu:0-1"));
    assertTrue(inv.problemWith(Resource.parse("cpu:64")).isPresent());
    assertTrue(inv.problemWith(Resource.parse("scratch")).isPresent());
    Inventory noGpus = new Inventory(1, List.of(), List.of());
    assertEquals(List.of("host", "cpu:0"), noGpus.claimable());
    assertTrue(
        noGpus.problemWith(Resource.parse("gpu:0")).orElseThrow().contains("[resources] gpus = N"),
        "says how an admin declares GPUs");
    assertTrue(
        !inv.problemWith(Resource.parse("gpu:2")).orElseThrow().contains("[resources]"),
        "a host with GPUs was asked for one it does not have: nothing to declare");
  }
}
