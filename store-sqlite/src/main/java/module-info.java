/**
 * hosthog's default store: one SQLite file (WAL, synchronous commits) accessed through Jdbi 3.
 *
 * <p>Provides the store id {@code sqlite}. Exports nothing.
 */
module org.hosthog.store.sqlite {
  requires org.hosthog.api;
  requires org.jdbi.v3.core;
  requires org.xerial.sqlitejdbc;
  requires java.sql;

  provides org.hosthog.api.spi.StoreProvider with
      org.hosthog.store.sqlite.SqliteStoreProvider;
}
