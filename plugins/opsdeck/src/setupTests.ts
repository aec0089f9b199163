import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one (it then renders at 0×0).
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoopResizeObserver;

// The whole repository's tests run in parallel on two cores: give lazy components and charts
// more than testing-library's default second to appear.
configure({ asyncUtilTimeout: 10_000 });
