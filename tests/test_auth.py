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


def test_repeated_failures_from_one_address_are_throttled_not_the_account(app):
    client = app.test_client()  # (fresh clients only: pytest-flask's `client` shares CSRF state with new ones)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert login(client, "bob@acme-msp.test", "wrong-password").status_code == 401
    # The next try from here is refused without looking at the password, even the right one.
    still = login(client, "bob@acme-msp.test", PASSWORD)
    assert still.status_code == 401 and accounts.THROTTLED in still.get_data(as_text=True)
    # Bob from another address is not locked out, and Alice is unaffected.
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert login(elsewhere, "bob@acme-msp.test").status_code == 302
    assert login(app.test_client(), "alice@acme-msp.test").status_code == 302


def test_known_and_unknown_emails_get_the_same_answers(app, client):
    for email in ("bob@acme-msp.test", "nobody@acme-msp.test"):
        answers = [login(client, email, "wrong-password").get_data(as_text=True) for _ in range(6)]
        assert "Email or password is incorrect." in answers[0] and accounts.THROTTLED in answers[-1]


def test_throttle_backs_off_and_expires(app):
    with app.app_context():
        now = utcnow()
        for _ in range(5):
            assert accounts.check_login("bob@acme-msp.test", "nope", "1.2.3.4", 5, 15, now=now).user is None
        assert (
            accounts.check_login("bob@acme-msp.test", PASSWORD, "1.2.3.4", 5, 15, now=now).message == accounts.THROTTLED
        )
        later = now + timedelta(minutes=1, seconds=1)  # the first block is one minute
        for _ in range(5):
            assert accounts.check_login("bob@acme-msp.test", "nope", "1.2.3.4", 5, 15, now=later).user is None
        blocked = later + timedelta(minutes=1, seconds=1)  # the second block is two minutes
        assert accounts.check_login("bob@acme-msp.test", PASSWORD, "1.2.3.4", 5, 15, now=blocked).user is None
        free = later + timedelta(minutes=2, seconds=1)
        assert accounts.check_login("bob@acme-msp.test", PASSWORD, "1.2.3.4", 5, 15, now=free).user is not None


def test_a_parallel_burst_of_guesses_gets_no_more_than_its_share(app, live_server):
    """41 guesses at once, the right password at #31: before, the counter raced and #31 got in."""
    import threading

    import requests

    base = live_server.url()
    clients = []
    for _ in range(41):
        http = requests.Session()
        page = http.get(f"{base}/login", timeout=10).text
        clients.append((http, page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]))
    results = [None] * 41

    def guess(i):
        http, token = clients[i]
        password = PASSWORD if i == 30 else f"guess-{i}"
        response = http.post(
            f"{base}/login",
            timeout=30,
            allow_redirects=False,
            data={"email": "bob@acme-msp.test", "password": password, "csrf_token": token},
        )
        results[i] = response.status_code

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(41)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    if results[30] == 302:  # the right guess may win a slot, but then no more than five were tried
        assert results.count(401) >= 41 - app.config["LOGIN_MAX_FAILURES"]
    else:
        assert 302 not in results
    with app.app_context():
        from flowpilot.models import LoginThrottle

        row = db.session.get(LoginThrottle, "bob@acme-msp.test|127.0.0.1")
        assert row is None or row.attempts <= app.config["LOGIN_MAX_FAILURES"]


def test_a_copied_cookie_stops_working_after_sign_out(app, live_server):
    import pytest
    import requests
    from websockets.exceptions import InvalidStatus

    from tests.live import open_socket, sign_in

    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    copied = requests.Session()
    copied.cookies.update(http.cookies)
    copied.headers["User-Agent"] = http.headers["User-Agent"]
    assert copied.get(f"{base}/", timeout=10, allow_redirects=False).status_code == 200
    page = http.get(f"{base}/", timeout=10).text
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    assert http.post(f"{base}/logout", data={"csrf_token": token}, timeout=10).status_code == 200
    assert copied.get(f"{base}/", timeout=10, allow_redirects=False).status_code == 302
    with pytest.raises(InvalidStatus) as refused:
        open_socket(base, 1, copied)
    assert refused.value.response.status_code == 401


def test_password_change_and_sign_out_everywhere_end_every_sign_in(app):
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        assert login(client, "alice@acme-msp.test").status_code == 302
    token = csrf_token(first, "/")
    assert first.post("/logout", data={"csrf_token": token, "everywhere": "1"}).status_code == 302
    assert second.get("/").status_code == 302
    assert login(second, "alice@acme-msp.test").status_code == 302
    with app.app_context():
        accounts.set_password(
            db.session.scalar(select(User).where(User.email == "alice@acme-msp.test")), "n3w-pass-word"
        )
    assert second.get("/").status_code == 302


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


def test_an_open_socket_stops_serving_after_sign_out(app, live_server):
    import json

    from tests.live import open_socket, send, sign_in

    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        page = http.get(f"{base}/", timeout=10).text
        token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        http.post(f"{base}/logout", data={"csrf_token": token}, timeout=10)
        send(ws, type="message", text="still there?")
        event = json.loads(ws.recv(timeout=10))
        assert event == {"type": "error", "message": "You were signed out; sign in again to continue."}
    with app.app_context():
        from flowpilot.models import Step

        assert db.session.scalars(select(Step).where(Step.session_id == 1)).all() == []
