// Package faults holds otapush's end-to-end fault suite (issue #6) on the
// simulated board: the host losing the board after every protocol step,
// the host process killed mid-run, and hostile inputs driven through the
// whole plan → update path. The agent's power-cut matrix lives next to
// the agent, in firmware/sweep_test.go. There is no production code here;
// `make faults` prints the suite's summary tables.
package faults
