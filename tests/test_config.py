"""Factory and configuration order."""

from pathlib import Path

from flowpilot import create_app
from flowpilot.config import SETTINGS, from_environ

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_then_instance_file_then_env_then_test_config(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("LLM_MODEL = 'from-file'\nLLM_TIMEOUT = 7.0\nLOGIN_MAX_FAILURES = 9\n")
    monkeypatch.setenv("FLOWPILOT_LLM_TIMEOUT", "12.5")
    monkeypatch.setenv("FLOWPILOT_LOGIN_MAX_FAILURES", "4")
    app = create_app({"INSTANCE_PATH": str(instance), "SECRET_KEY": "x", "LOGIN_MAX_FAILURES": 3})
    assert app.config["LOGIN_LOCKOUT_MINUTES"] == 15  # default
    assert app.config["LLM_MODEL"] == "from-file"  # instance file over default
    assert app.config["LLM_TIMEOUT"] == 12.5  # env over file, parsed as float
    assert app.config["LOGIN_MAX_FAILURES"] == 3  # test config over env


def test_secret_key_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("FLOWPILOT_SECRET_KEY", raising=False)
    instance = tmp_path / "inst"
    first = create_app({"INSTANCE_PATH": str(instance)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(instance)}).config["SECRET_KEY"]
    assert len(first) == 64 and first == second
    assert (instance / "secret_key").read_text() == first
    assert (instance / "secret_key").stat().st_mode & 0o077 == 0
    other = create_app({"INSTANCE_PATH": str(tmp_path / "elsewhere")}).config["SECRET_KEY"]
    assert other != first


def test_database_defaults_to_sqlite_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("FLOWPILOT_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'flowpilot.sqlite'}"


def test_env_empty_values_are_ignored():
    assert from_environ({"FLOWPILOT_LLM_MODEL": "", "FLOWPILOT_LLM_BASE_URL": "http://x/v1"}) == {
        "LLM_BASE_URL": "http://x/v1"
    }


def test_no_llm_means_no_provider(app):
    assert app.extensions["flowpilot"].provider is None


def test_readme_and_design_list_every_setting():
    readme, design = (ROOT / "README.md").read_text(), (ROOT / "docs" / "DESIGN.md").read_text()
    for setting in SETTINGS:
        assert f"`FLOWPILOT_{setting.key}`" in readme and f"`FLOWPILOT_{setting.key}`" in design, setting.key
    head = readme.split("\n## ", 2)
    assert "make run" in head[0] + head[1] and "make test" in head[0] + head[1]


def test_secure_cookies_and_trusted_proxy(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWPILOT_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("FLOWPILOT_PROXY_COUNT", "1")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["REMEMBER_COOKIE_SECURE"] is True
    seen = {}

    @app.get("/probe")
    def probe():
        from flask import request

        seen.update(host=request.host, scheme=request.scheme)
        return "ok"

    app.test_client().get("/probe", headers={"X-Forwarded-Host": "flowpilot.example.com", "X-Forwarded-Proto": "https"})
    assert seen == {"host": "flowpilot.example.com", "scheme": "https"}
