// jsdom lacks a few browser APIs that Radix primitives call on pointer events.
// Import this first in every renderer test file.
const proto = Element.prototype as unknown as Record<string, unknown>;
proto.hasPointerCapture ??= () => false;
proto.setPointerCapture ??= () => undefined;
proto.releasePointerCapture ??= () => undefined;
proto.scrollIntoView ??= () => undefined;
// Radix Tooltip measures its content with ResizeObserver once it opens.
(globalThis as unknown as Record<string, unknown>).ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
// The Analyses stage finds the item to focus again by CSS.escape'd id (ids here are plain: a
// backslash before anything but letters, digits, _ and - is enough).
(globalThis as unknown as Record<string, unknown>).CSS ??= { escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) };
