package main

import (
	"fmt"
	"runtime/debug"
)

// version prints the module version and the VCS revision it was built from.
func (m *Main) version(args []string) error {
	if _, err := m.parse("version", args); err != nil {
		return err
	}
	v, rev, dirty := "(devel)", "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	fmt.Fprintf(m.Stdout, "herald %s\n", v)
	return nil
}
