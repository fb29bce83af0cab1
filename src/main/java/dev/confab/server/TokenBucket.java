package dev.confab.server;

/** A classic token bucket: {@code ratePerSecond} tokens refill continuously up to {@code capacity}. */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, double capacity) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefill = System.nanoTime();
    }

    synchronized boolean tryTake(double amount) {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens < amount) {
            return false;
        }
        tokens -= amount;
        return true;
    }
}
