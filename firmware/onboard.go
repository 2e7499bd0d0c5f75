package firmware

// The agent's files as they lie on a board: the one list that says which
// names are the agent's, for the commands that must leave them alone (fs)
// or take them away (uninstall).

// Marker starts the first line of the agent's boot.py and main.py
// (install.py _oi_ours): a boot.py or main.py without it is the app's own.
const Marker = "# otapush-agent"

// StateDir is the agent's folder at the board's root: its journal, config,
// staged files and kept previous version.
const StateDir = ".ota"

// VersionFile is the record of the app version the board runs; the agent
// writes it at every swap.
const VersionFile = "version.json"

// ModuleFiles are the names the agent module may have on a board, in every
// form it is shipped in (source, precompiled).
func ModuleFiles() []string { return []string{"ota_agent.py", "ota_agent.mpy"} }

// Wrapper is one of the agent's boot files and where the app's own file
// of that name lives while the agent is installed.
type Wrapper struct {
	Name string // boot.py or main.py: the agent's wrapper
	App  string // _app_boot.py or _app_main.py: the app's own
}

// Wrappers are the agent's boot files, boot.py first (it runs first).
func Wrappers() []Wrapper {
	return []Wrapper{{"boot.py", "_app_boot.py"}, {"main.py", "_app_main.py"}}
}
