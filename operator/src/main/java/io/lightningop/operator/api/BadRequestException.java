package io.lightningop.operator.api;

/** A request the API cannot read (HTTP 400); the message says which part and why. */
final class BadRequestException extends RuntimeException {
  BadRequestException(String message) {
    super(message);
  }
}
