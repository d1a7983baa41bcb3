package org.hosthog.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A set of device indices such as {@code 0-3} or {@code 0,2}, or "all of them".
 *
 * <p>Ranges are kept sorted and merged, so equal sets are equal records and print the same.
 *
 * @param ranges sorted, disjoint, non-adjacent ranges; empty means all indices
 */
public record IndexSet(List<Range> ranges) {

  /** Largest index accepted; far above any real machine, low enough to keep ranges cheap. */
  public static final int MAX_INDEX = 65_535;

  /** An inclusive range of indices. */
  public record Range(int from, int to) {
    public Range {
      if (from < 0 || to < from || to > MAX_INDEX) {
        throw new InvalidInputException("bad index range " + from + "-" + to);
      }
    }

    boolean overlaps(Range other) {
      return from <= other.to && other.from <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  private static final IndexSet ALL = new IndexSet(List.of());

  public IndexSet {
    ranges = normalise(ranges);
  }

  /** Every index of the device kind. */
  public static IndexSet all() {
    return ALL;
  }

  public static IndexSet of(int... indices) {
    List<Range> ranges = new ArrayList<>();
    for (int i : indices) {
      ranges.add(new Range(i, i));
    }
    if (ranges.isEmpty()) {
      throw new InvalidInputException("an index set needs at least one index");
    }
    return new IndexSet(ranges);
  }

  public static IndexSet range(int from, int to) {
    return new IndexSet(List.of(new Range(from, to)));
  }

  /** Parses {@code 3}, {@code 0-3}, {@code 0,2}, {@code 0-1,4-5}. */
  public static IndexSet parse(String text) {
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      ranges.add(parseRange(part.strip(), text));
    }
    return new IndexSet(ranges);
  }

  private static Range parseRange(String part, String whole) {
    try {
      int dash = part.indexOf('-');
      if (dash < 0) {
        int i = Integer.parseInt(part);
        return new Range(i, i);
      }
      return new Range(
          Integer.parseInt(part.substring(0, dash)), Integer.parseInt(part.substring(dash + 1)));
    } catch (NumberFormatException | InvalidInputException e) {
      throw new InvalidInputException(
          "'" + whole + "' is not a list of indices: expected e.g. 3, 0-3 or 0,2");
    }
  }

  public boolean isAll() {
    return ranges.isEmpty();
  }

  /** The highest index named; meaningless for {@link #all()}. */
  public int max() {
    return isAll() ? -1 : ranges.get(ranges.size() - 1).to();
  }

  public boolean overlaps(IndexSet other) {
    if (isAll() || other.isAll()) {
      return true;
    }
    for (Range a : ranges) {
      for (Range b : other.ranges) {
        if (a.overlaps(b)) {
          return true;
        }
      }
    }
    return false;
  }

  public boolean contains(int index) {
    return isAll() || ranges.stream().anyMatch(r -> r.from() <= index && index <= r.to());
  }

  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }

  private static List<Range> normalise(List<Range> input) {
    List<Range> sorted = new ArrayList<>(Objects.requireNonNull(input, "ranges"));
    sorted.sort(Comparator.comparingInt(Range::from));
    List<Range> merged = new ArrayList<>();
    for (Range r : sorted) {
      Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.from() <= last.to() + 1) {
        merged.set(merged.size() - 1, new Range(last.from(), Math.max(last.to(), r.to())));
      } else {
        merged.add(r);
      }
    }
    return List.copyOf(merged);
  }
}
