"""The troubleshooting chat: socket edge (ws), turn logic (turn)."""
