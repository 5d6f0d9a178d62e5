import { useEffect, useState } from 'react';

/** The theme's colours the chart draws with (canvas cannot read CSS variables itself). */
export interface ChartColors {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly up: string;
  readonly down: string;
  readonly accent: string;
  readonly warn: string;
  readonly muted: string;
}

export function readChartColors(root: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(root);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: variable('--panel', '#171b22'),
    text: variable('--text', '#e3e7ee'),
    grid: variable('--border', '#2c333e'),
    up: variable('--up', '#e5484d'),
    down: variable('--down', '#3b82f6'),
    accent: variable('--accent', '#4c9aff'),
    warn: variable('--warn', '#f5a524'),
    muted: variable('--muted', '#8c96a5'),
  };
}

/** The chart's colours, read again whenever the theme switch changes `data-theme` on <html>. */
export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(readChartColors);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(readChartColors()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return colors;
}
