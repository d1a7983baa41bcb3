/**
 * An alternative store on MapDB: one file with a write-ahead log, B-tree indexes by start and end.
 *
 * <p>Provides the store id {@code mapdb}. Exports nothing.
 */
module org.hosthog.store.mapdb {
  requires org.hosthog.api;
  requires mapdb;

  provides org.hosthog.api.spi.StoreProvider with
      org.hosthog.store.mapdb.MapdbStoreProvider;
}
