package org.hosthog.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bursts become few batches; nothing is lost or reordered; a lone item goes at once. */
class CoalescerTest {
  private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
  private final List<String> threads = Collections.synchronizedList(new ArrayList<>());

  private Coalescer<Integer> coalescer(long windowMs, long maxMs) {
    return new Coalescer<>(
        "test-coalescer",
        Duration.ofMillis(windowMs),
        Duration.ofMillis(maxMs),
        batch -> {
          threads.add(Thread.currentThread().getName());
          batches.add(batch);
        });
  }

  private List<Integer> all() {
    return batches.stream().flatMap(List::stream).toList();
  }

  @Test
  void aLoneItemGoesAtOnceOnTheOfferingThread() {
    try (Coalescer<Integer> c = coalescer(1_000, 8_000)) {
      c.offer(1);
      assertEquals(List.of(List.of(1)), batches);
      assertEquals(Thread.currentThread().getName(), threads.get(0));
    }
  }

  @Test
  void aBurstBecomesAFewBatchesInOrderWithNothingLost() throws Exception {
    long t0 = System.nanoTime();
    try (Coalescer<Integer> c = coalescer(200, 1_600)) {
      for (int i = 0; i < 300; i++) {
        c.offer(i);
        Thread.sleep(5); // about 1.5 s of changes
      }
    } // close hands over what is pending
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(IntStream.range(0, 300).boxed().toList(), all());
    assertEquals(List.of(0), batches.get(0), "the first change goes alone, at once");
    // one at once, windows of 0.2, 0.4, 0.8, 1.6 s, then one per 1.6 s (more on a slow machine)
    long bound = 5 + elapsedMs / 1_600;
    assertTrue(
        batches.size() <= bound, batches.size() + " batches in " + elapsedMs + " ms: " + sizes());
  }

  @Test
  void quietItemsWaitForTheEndOfTheBulkChangeAndGoAsOne() throws Exception {
    try (Coalescer<Integer> c = coalescer(1_000, 5_000)) {
      for (int i = 0; i < 100; i++) {
        c.offerQuietly(i);
        Thread.sleep(5);
      }
      Thread.sleep(2_000);
      assertEquals(1, batches.size(), sizes());
      assertEquals(100, batches.get(0).size());
    }
  }

  @Test
  void aQuietSpellRestoresPromptDelivery() throws Exception {
    try (Coalescer<Integer> c = coalescer(100, 800)) {
      for (int i = 0; i < 50; i++) {
        c.offer(i);
        Thread.sleep(2);
      }
      Thread.sleep(2_000); // longer than twice the longest window
      int before = batches.size();
      c.offer(99);
      assertEquals(before + 1, batches.size(), "went at once: " + sizes());
      assertEquals(List.of(99), batches.get(batches.size() - 1));
    }
  }

  @Test
  void closingHandsOverWhatIsPendingAndLaterOffersAreIgnored() {
    Coalescer<Integer> c = coalescer(10_000, 60_000);
    c.offer(1);
    c.offer(2);
    c.offerQuietly(3);
    c.close();
    assertEquals(List.of(List.of(1), List.of(2, 3)), batches);
    c.offer(4);
    c.close();
    assertEquals(List.of(1, 2, 3), all());
  }

  private String sizes() {
    return batches.stream().map(b -> Integer.toString(b.size())).toList().toString();
  }
}
