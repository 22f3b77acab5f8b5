// Package e2e tests Herald from the outside: it builds the herald binary,
// starts "herald serve -demo" on a free port and checks the pages through
// real HTTP, the Nu HTML checker and headless Chromium with axe-core.
//
// The checkers come from Debian (chromium, a Java runtime) and npm
// (vnu-jar, axe-core; "npm ci --ignore-scripts" at the repository root).
// Tests that need one that is missing are skipped with the reason, unless
// HERALD_TEST_BROWSER=required, which makes them fail instead (CI sets it).
package e2e
