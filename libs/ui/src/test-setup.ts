// Test setup for React components built on antd, shared by libs/ui and apps/web (their vitest setupFiles).
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// antd renders heavy trees; on a loaded 2-core CI machine a query can need more than the default 1 s to appear.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks the media-query and layout APIs that antd's responsive components call.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

// antd's Menu overflow and Table observe element sizes; jsdom has no layout, so nothing ever resizes.
if (!('ResizeObserver' in window)) {
  class NoopResizeObserver {
    observe = () => undefined;
    unobserve = () => undefined;
    disconnect = () => undefined;
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: NoopResizeObserver });
  Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, value: NoopResizeObserver });
}

// antd measures scrollbars with getComputedStyle(el, '::-webkit-scrollbar'); jsdom does not do pseudo-elements.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

afterEach(() => {
  cleanup();
});
