package io.fer.schemas;

import java.util.Arrays;
import java.util.Locale;

/**
 * A service's settings: its own documented keys, each with a default, over the layered sources of
 * {@link ClusterConfig} (defaults, a properties file, {@code FER_*} environment variables, explicit overrides). A
 * subclass adds typed accessors and validates itself when constructed, so an instance is always valid.
 *
 * @param <C> the subclass, returned by {@link #with}
 */
public abstract class ServiceConfig<C extends ServiceConfig<C>> {

    /** One documented key: its name, default and meaning (implemented by each service's {@code Key} enum). */
    public interface Key {
        String key();

        String defaultValue();

        String description();
    }

    private final ClusterConfig settings;

    protected ServiceConfig(ClusterConfig settings) {
        this.settings = settings;
    }

    /** The same kind of configuration over other settings (validated). */
    protected abstract C copy(ClusterConfig settings);

    /** The service's keys, in documentation order (for {@link #toString}). */
    protected abstract Key[] keys();

    /**
     * A copy with one setting changed (ignored when {@code value} is null).
     *
     * @throws IllegalArgumentException if the result is not a valid configuration
     */
    public C with(String key, String value) {
        return copy(settings.with(key, value));
    }

    /** A copy with one setting changed. */
    public C with(Key key, Object value) {
        return with(key.key(), value == null ? null : String.valueOf(value));
    }

    /** The raw value of a key, or its default. */
    public String get(Key key) {
        return settings.get(key.key(), key.defaultValue()).trim();
    }

    /** Every setting, the service's own and the rest (connection, security, client settings). */
    public ClusterConfig cluster() {
        return settings;
    }

    protected void requireAtLeast(Key key, long min) {
        if (longValue(key) < min) {
            throw new IllegalArgumentException(key.key() + " must be at least " + min + ", got " + get(key));
        }
    }

    protected void requireNotEmpty(Key... keys) {
        for (Key k : keys) {
            if (get(k).isEmpty()) throw new IllegalArgumentException(k.key() + " must not be empty");
        }
    }

    protected int intValue(Key key) {
        long v = longValue(key);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(key.key() + " is out of range: " + v);
        }
        return (int) v;
    }

    protected long longValue(Key key) {
        String v = get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.key() + " must be a whole number, got '" + v + "'", e);
        }
    }

    protected double doubleValue(Key key) {
        String v = get(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.key() + " must be a number, got '" + v + "'", e);
        }
    }

    protected boolean booleanValue(Key key) {
        String v = get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key.key() + " must be true or false, got '" + get(key) + "'");
        }
        return Boolean.parseBoolean(v);
    }

    protected <E extends Enum<E>> E enumValue(Class<E> type, Key key) {
        try {
            return Enum.valueOf(type, get(key).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key.key() + ": unknown value '" + get(key) + "'; choose one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append('{');
        Arrays.stream(keys()).forEach(k -> b.append(k.key()).append('=').append(get(k)).append(", "));
        return b.append("bootstrap.servers=").append(settings.bootstrapServers()).append('}').toString();
    }
}
