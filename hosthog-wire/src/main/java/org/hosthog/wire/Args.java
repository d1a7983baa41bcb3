package org.hosthog.wire;

import com.google.gson.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How one request's {@code args} object is written and read. Reading is strict: a field of the
 * wrong type is a {@link org.hosthog.wire.WireException} naming it (see {@link Fields}).
 *
 * @param <Q> the request record
 */
interface Args<Q> {
  void write(Q request, JsonObject args);

  Q read(Fields args);

  static <Q> Args<Q> of(BiConsumer<Q, JsonObject> write, Function<Fields, Q> read) {
    return new Args<>() {
      @Override
      public void write(Q request, JsonObject args) {
        write.accept(request, args);
      }

      @Override
      public Q read(Fields args) {
        return read.apply(args);
      }
    };
  }

  /**
   * A request without arguments ({@code args} is an empty object): its one value, a record without
   * fields, is read back.
   */
  static <Q> Args<Q> none(Q request) {
    return new Args<>() {
      @Override
      public void write(Q q, JsonObject args) {}

      @Override
      public Q read(Fields args) {
        return request;
      }
    };
  }
}
