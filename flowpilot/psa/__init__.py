"""PSA integrations (ConnectWise Manage)."""
