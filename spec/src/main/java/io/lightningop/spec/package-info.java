/**
 * Project as code, compatible with OpenFn's v1 {@code project.yaml} and {@code projectState.json}.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link io.lightningop.spec.ProjectLoader#load} reads and validates a {@code project.yaml}
 *       into a {@link io.lightningop.spec.LoadedProject}: the {@link io.lightningop.spec.model.Project}
 *       plus every {@link io.lightningop.spec.validate.Problem} ({@code file:line:col path: message}).
 *   <li>{@link io.lightningop.spec.yaml.ProjectYamlWriter#write} writes a project back as
 *       {@code project.yaml} in Lightning's exporter layout.
 *   <li>{@link io.lightningop.spec.state.ProjectState} reads/writes {@code projectState.json}
 *       byte for byte as OpenFn's CLI; {@link io.lightningop.spec.state.StateMerge#merge} is deploy's
 *       {@code mergeSpecIntoState} (throws {@link io.lightningop.spec.state.DeployError});
 *       {@link io.lightningop.spec.state.ProjectPayload#from} builds the {@code /api/provision} body;
 *       {@link io.lightningop.spec.state.PayloadState} turns a server project back into state.
 *   <li>{@link io.lightningop.spec.diff.ProjectDiff#between} compares two projects (use
 *       {@link io.lightningop.spec.state.StateProjects#toProject} for a deployed state).
 * </ul>
 */
package io.lightningop.spec;
