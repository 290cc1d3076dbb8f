// Test setup for React components built on antd, shared by libs/ui and apps/web (their vitest setupFiles).
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// antd renders heavy trees; on a loaded 2-core machine a query can need far more than the default 1 s to appear.
// findBy*/waitFor return as soon as their condition holds: this only bounds how long a failing one waits.
configure({ asyncUtilTimeout: 20_000 });

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

// The suites run test files one after another in one jsdom per worker (vitest `isolate: false`): this file runs
// before each of them, so the patches below are applied once per window.
const patched = window as Window & { __antdTestPatches?: true };
if (!patched.__antdTestPatches) {
  patched.__antdTestPatches = true;
  // antd measures scrollbars with getComputedStyle(el, '::-webkit-scrollbar'); jsdom does not do pseudo-elements.
  const getComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => getComputedStyle(element);

  // antd's CSS-in-JS writes thousands of rules into <head>. jsdom parses them, and every getComputedStyle call matches
  // each rule against the element: Testing Library's role queries call it for every element they visit, so a query
  // on a dialog took seconds on a busy machine. jsdom does no layout, so the rules only ever decided visibility; the
  // components' own state (inline display:none, unmounting) still does. rc-util's style injection supports a
  // container that redirects its <style> nodes (it finds its styles through the nodes' real parent), so they go to a
  // detached element that jsdom neither parses nor applies.
  const injectedStyles = document.createElement('div');
  const isInjectedStyle = (node: Node): node is HTMLStyleElement =>
    node instanceof HTMLStyleElement && node.hasAttribute('data-rc-order');
  const head = document.head;
  const appendToHead = head.appendChild.bind(head);
  const insertIntoHead = head.insertBefore.bind(head);
  const removeFromHead = head.removeChild.bind(head);
  head.appendChild = <T extends Node>(node: T): T =>
    isInjectedStyle(node) ? injectedStyles.appendChild(node) : appendToHead(node);
  head.insertBefore = <T extends Node>(node: T, child: Node | null): T =>
    isInjectedStyle(node)
      ? injectedStyles.insertBefore(
          node,
          child?.parentNode === injectedStyles ? child : injectedStyles.firstChild,
        )
      : insertIntoHead(node, child);
  head.removeChild = <T extends Node>(node: T): T =>
    node.parentNode === injectedStyles ? injectedStyles.removeChild(node) : removeFromHead(node);
}

afterEach(() => {
  cleanup();
  // nothing a test file left behind reaches the next file in the same window
  window.localStorage.clear();
  window.sessionStorage.clear();
});
