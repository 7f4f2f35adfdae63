/**
 * The command line: {@link io.holdfast.app.cli.CommandLine#parse} turns arguments and the environment into
 * a mode and a config path; {@link io.holdfast.app.cli.CommandLine#USAGE} is the help text.
 */
package io.holdfast.app.cli;
