"""Sign-in, CSRF, lockout, session fixation, sign-out."""

from datetime import timedelta

from sqlalchemy import select

from flowpilot import accounts
from flowpilot.extensions import db
from flowpilot.models import User, utcnow
from tests.conftest import PASSWORD, csrf_token, login


def test_pages_need_sign_in(client):
    for path in ("/", "/sessions/new", "/sessions/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.location


def test_sign_in_and_out(client):
    response = login(client, "Alice@Acme-MSP.test")  # email is case-insensitive
    assert response.status_code == 302 and response.location == "/"
    assert "Acme Medical Group" in client.get("/").get_data(as_text=True)
    token = csrf_token(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_and_unknown_user_get_the_same_message(client):
    for email, password in (("alice@acme-msp.test", "nope-nope"), ("nobody@x.test", PASSWORD)):
        response = login(client, email, password)
        assert response.status_code == 401
        assert "Email or password is incorrect." in response.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client):
    response = client.post("/login", data={"email": "alice@acme-msp.test", "password": PASSWORD})
    assert response.status_code == 400
    assert "Reload the page" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out


def test_logout_needs_post_with_csrf(alice_client):
    assert alice_client.get("/logout").status_code == 405
    assert alice_client.post("/logout").status_code == 400
    assert alice_client.get("/").status_code == 200


def test_lockout_after_repeated_failures(app, client):
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        assert login(client, "bob@acme-msp.test", "wrong-password").status_code == 401
    locked = login(client, "bob@acme-msp.test", "wrong-password")
    assert "Too many failed sign-ins; try again in 15 minutes." in locked.get_data(as_text=True)
    # Even the right password is refused while locked.
    still = login(client, "bob@acme-msp.test", PASSWORD)
    assert still.status_code == 401 and "Too many failed sign-ins" in still.get_data(as_text=True)
    # Alice is unaffected.
    assert login(client, "alice@acme-msp.test").status_code == 302


def test_lockout_expires(app):
    with app.app_context():
        bob = db.session.scalar(select(User).where(User.email == "bob@acme-msp.test"))
        bob.locked_until = utcnow() + timedelta(minutes=15)
        db.session.commit()
        assert accounts.check_login("bob@acme-msp.test", PASSWORD, 5, 15).user is None
        later = utcnow() + timedelta(minutes=16)
        assert accounts.check_login("bob@acme-msp.test", PASSWORD, 5, 15, now=later).user.id == bob.id


def test_new_session_cookie_on_sign_in(client):
    client.get("/login")
    before = client.get_cookie("session")
    login(client, "alice@acme-msp.test")
    after = client.get_cookie("session")
    assert before is not None and after is not None and after.value != before.value


def test_next_parameter_cannot_leave_the_site(client):
    token = csrf_token(client)
    response = client.post(
        "/login?next=//evil.example/x", data={"email": "alice@acme-msp.test", "password": PASSWORD, "csrf_token": token}
    )
    assert response.location == "/"


def test_passwords_are_hashed(app):
    with app.app_context():
        alice = db.session.scalar(select(User).where(User.email == "alice@acme-msp.test"))
        assert PASSWORD not in alice.password_hash and alice.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_next_parameter_tricks_are_refused(client):
    for target in ("/\t/evil.com", "/\\evil.com", "/%09/evil.com", "https://evil.com", "//evil.com/x"):
        token = csrf_token(client)
        response = client.post(
            "/login",
            query_string={"next": target},
            data={"email": "alice@acme-msp.test", "password": PASSWORD, "csrf_token": token},
        )
        location = response.location
        assert location.startswith("/") and not location.startswith("//") and "\\" not in location, target
        assert not any(ord(c) < 33 for c in location), target  # browsers would drop these and see //evil.com
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
