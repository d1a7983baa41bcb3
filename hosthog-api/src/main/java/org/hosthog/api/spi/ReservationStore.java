package org.hosthog.api.spi;

import java.util.function.Function;

/**
 * Where one host's reservations live. The daemon is its only writer.
 *
 * <p>Thread-safe. {@link #write} runs its work serialised with every other write, so a conflict
 * check and the insert it allows are one atomic step; when {@code write} returns, the change is on
 * disk (it survives {@code kill -9} and power loss). If the work throws, nothing is stored.
 */
public interface ReservationStore extends StoreReader, AutoCloseable {

  /** Runs {@code work} in one transaction and commits it durably. */
  <T> T write(Function<StoreTransaction, T> work);

  /** Releases files and locks; calling it again does nothing. */
  @Override
  void close();
}
