# The four domain services and their local ports. Sourced, not run.
SERVICES=(grids clues petitions indicators)
declare -A SERVICE_PORT=([gateway]=4000 [grids]=4001 [clues]=4002 [petitions]=4003 [indicators]=4004)
