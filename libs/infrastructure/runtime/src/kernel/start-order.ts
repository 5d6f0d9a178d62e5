import { KernelComponent } from './kernel-component';
import { KernelConfigurationError } from './kernel.errors';

/**
 * Orders components so each starts after everything it depends on; among independent components the
 * registration order is kept, so start-up is predictable from reading the wiring code.
 */
export function startOrder(components: readonly KernelComponent[]): KernelComponent[] {
  const byName = new Map(components.map((c) => [c.name, c]));
  for (const component of components) {
    for (const dependency of component.dependsOn ?? []) {
      if (!byName.has(dependency)) {
        throw new KernelConfigurationError(
          `Component "${component.name}" depends on "${dependency}", which is not registered`,
          [component.name, dependency],
        );
      }
    }
  }

  const ordered: KernelComponent[] = [];
  const done = new Set<string>();
  const visiting: string[] = [];
  const visit = (component: KernelComponent): void => {
    if (done.has(component.name)) return;
    if (visiting.includes(component.name)) {
      const cycle = [...visiting.slice(visiting.indexOf(component.name)), component.name];
      throw new KernelConfigurationError(`Components depend on each other in a cycle: ${cycle.join(' -> ')}`, cycle);
    }
    visiting.push(component.name);
    for (const dependency of component.dependsOn ?? []) {
      visit(byName.get(dependency) as KernelComponent);
    }
    visiting.pop();
    done.add(component.name);
    ordered.push(component);
  };
  components.forEach(visit);
  return ordered;
}
