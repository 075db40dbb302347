# Clean up when a script ends, however it ends (its last line, a failure, Ctrl-C, a kill). Source this file, then
# register each clean-up right before starting what it undoes:
#
#     . scripts/on_exit.sh
#     on_exit postgres_stop     # runs on exit; the last registered runs first
#
# INT, TERM and HUP become an exit (status 130, 143, 129), so the EXIT trap runs for them too.

_on_exit_commands=()

on_exit() { _on_exit_commands=("$*" "${_on_exit_commands[@]}"); }

_on_exit_run() {
  local command
  trap '' INT TERM HUP  # a second Ctrl-C does not interrupt the clean-up
  for command in "${_on_exit_commands[@]}"; do eval "$command" || true; done
  _on_exit_commands=()
}

trap _on_exit_run EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
