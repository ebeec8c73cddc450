#!/usr/bin/python3
"""What a screen reader hears from the real app, over AT-SPI (the Linux accessibility bus that
Orca reads), against a real demo server. Run inside tests/gui/with-atspi.sh:

  screenreader.py VIGIE_APP VIGIE_SERVER

For English, then French: the sign-in screen's fields and button are named in the language; a
sign-in typed and pressed through AT-SPI (as a screen reader user does) reaches the session
list, whose cells read the values with their badges in words; a sign-in from another device
while the window is open shows an alert (AT-SPI role "alert", the role a screen reader reads
out at once) with the new sign-in in words; every control on every screen reached has a name;
in French, no control keeps its English name. Exits 1 with what was wrong.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import pyatspi

APP, SERVER = sys.argv[1], sys.argv[2]
USER, PASSWORD = "demo@vigie.test", "demo-password-1"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CONTROLS = {"push button", "text", "password text", "check box", "combo box", "page tab", "table",
            "table column header", "menu item", "radio button", "spin button", "toggle button"}
problems = []


def fail(message):
    problems.append(message)
    print("FAIL:", message, flush=True)


def walk(node, out, depth=0):
    """Showing descendants, as (role, name, description, node)."""
    try:
        if depth > 1 and not node.getState().contains(pyatspi.STATE_SHOWING):
            return out
        out.append((node.getRoleName(), node.name or "", node.description or "", node))
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                walk(child, out, depth + 1)
    except Exception:  # a widget that went away meanwhile
        pass
    return out


def find_app(pid, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.3)
    return None


def wait_for(app, predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        nodes = walk(app, [])
        found = [n for n in nodes if predicate(n)]
        if found:
            return found[0], nodes
        time.sleep(0.3)
    return None, walk(app, [])


def unnamed_controls(nodes, screen):
    for role, name, _, _ in nodes:
        if role in CONTROLS and not name.strip():
            fail(f"{screen}: a {role} without a name")


def press(node):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press") if "Press" in names else 0)


def sign_in_elsewhere(url):
    body = json.dumps({"email": USER, "password": PASSWORD}).encode()
    request = urllib.request.Request(url + "/api/auth/login", body,
                                     {"Content-Type": "application/json", "User-Agent": FIREFOX})
    urllib.request.urlopen(request, timeout=30).read()


ALERTS = []  # (name, description) of every alert shown, as the listener below heard them


def on_showing(event):
    try:
        source = event.source
        if source is not None and event.detail1 == 1 and source.getRoleName() == "alert":
            ALERTS.append(((source.name or ""), (source.description or "")))
    except Exception:  # gone meanwhile
        pass


def wait_for_alert(url, words, timeout=20):
    """Signs in from another device and waits for an alert to show (or to be announced again)
    whose words include all of `words`; returns its (name, description) or None."""
    ALERTS.clear()
    found = []

    def watch():
        sign_in_elsewhere(url)
        deadline = time.time() + timeout
        while time.time() < deadline and not found:
            found.extend(a for a in list(ALERTS) if all(w in a[0] + " " + a[1] for w in words))
            time.sleep(0.1)
        pyatspi.Registry.stop()

    threading.Thread(target=watch, daemon=True).start()
    pyatspi.Registry.start()  # delivers the events to on_showing until watch() stops it
    return found[0] if found else None


def run(lang, url, expect, english_names):
    print(f"== {lang}", flush=True)
    env = dict(os.environ, TZ="UTC")
    log = open(os.path.join(os.environ.get("HOME", "/tmp"), f"vigie-{lang}.log"), "w")
    app_process = subprocess.Popen([APP, "--lang", lang, "--server", url], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    names = set()
    try:
        app = find_app(app_process.pid)
        if app is None:
            fail(f"{lang}: the app never appeared on the accessibility bus")
            return names
        # The sign-in screen.
        button, nodes = wait_for(app, lambda n: n[0] == "push button" and n[1] == expect["sign_in"])
        if button is None:
            fail(f"{lang}: no '{expect['sign_in']}' button; heard: {[n[1] for n in nodes if n[1]]}")
            return names
        unnamed_controls(nodes, f"{lang} sign-in")
        names |= {n[1] for n in nodes if n[0] in CONTROLS}
        fields = {n[1]: n[3] for n in nodes if n[0] in ("text", "password text")}
        for field in (expect["server"], expect["email"], expect["password"]):
            if field not in fields:
                fail(f"{lang}: no field named '{field}'; fields: {sorted(fields)}")
                return names
        if [n for n in nodes if n[1] == expect["password"] and n[0] != "password text"]:
            fail(f"{lang}: the password field is not a password field")
        fields[expect["email"]].queryEditableText().setTextContents(USER)
        fields[expect["password"]].queryEditableText().setTextContents(PASSWORD)
        press(button[3])

        # The session list: values read with their badges in words.
        table, nodes = wait_for(app, lambda n: n[0] == "table" and n[1] == expect["table"], timeout=30)
        if table is None:
            fail(f"{lang}: no '{expect['table']}' table after signing in; heard: {[n[1] for n in nodes if n[1]]}")
            return names
        _, nodes = wait_for(app, lambda n: n[0] == "table cell" and n[1].startswith(expect["this_device"]))
        cells = [n[1] for n in nodes if n[0] == "table cell"]
        if not any(c.startswith(expect["this_device"]) for c in cells):
            fail(f"{lang}: no cell says '{expect['this_device']}'; cells: {cells[:12]}")
        if not any(c.endswith(expect["new_country"]) for c in cells):
            fail(f"{lang}: no cell ends with the badge '{expect['new_country']}'; cells: {cells}")
        headers = [n[1] for n in nodes if n[0] == "table column header"]
        if expect["location"] not in headers:
            fail(f"{lang}: no '{expect['location']}' column header; headers: {headers}")
        unnamed_controls(nodes, f"{lang} sessions")
        names |= {n[1] for n in nodes if n[0] in CONTROLS and n[0] != "table cell"}

        # A sign-in from elsewhere while the window is open: an alert, read out.
        alert = wait_for_alert(url, [expect["warning"], expect["new_sign_in"]])
        if alert is None:
            _, nodes = wait_for(app, lambda n: n[0] == "alert", timeout=1)
            fail(f"{lang}: no alert with '{expect['new_sign_in']}' showed after a sign-in from elsewhere; "
                 f"alerts heard: {ALERTS}; alerts showing: {[(n[1], n[2]) for n in nodes if n[0] == 'alert']}")
        else:
            print(f"{lang}: alert heard: {alert[0]}: {alert[1]}", flush=True)
        _, nodes = wait_for(app, lambda n: n[0] == "push button" and n[1] == expect["not_me"])
        if not [n for n in nodes if n[0] == "push button" and n[1] == expect["not_me"]]:
            fail(f"{lang}: the alert offers no '{expect['not_me']}' button")
        unnamed_controls(nodes, f"{lang} alert")
        names |= {n[1] for n in nodes if n[0] in CONTROLS and n[0] != "table cell"}

        if english_names is not None:
            # Names that are the same words in both languages, or not words.
            same = {"Sessions", "Session", "Vigie", "", "Navigation", "Export", "Support"}
            left = sorted(n for n in names & english_names
                          if n not in same and not n.startswith(("http", "Mozilla")) and any(ch.isalpha() for ch in n))
            if left:
                fail(f"{lang}: still in English: {left}")
    finally:
        if problems:
            log.flush()
            with open(log.name) as f:
                print(f"-- the app's log ({lang}):\n" + f.read()[-4000:], flush=True)
        app_process.send_signal(signal.SIGTERM)
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
    return names


def main():
    # Registered before any app starts: Qt sends an event kind only once a listener for it
    # registered, and learns of new listeners asynchronously. Description changes are listened
    # to as Orca does: libatspi's cache of an object's description is only updated by the
    # events it receives, and without them an alert whose words changed reads the old ones.
    pyatspi.Registry.registerEventListener(on_showing, "object:state-changed:showing")
    pyatspi.Registry.registerEventListener(on_showing, "object:property-change:accessible-description")
    home = tempfile.mkdtemp(prefix="vigie-demo-")
    env = dict(os.environ, VIGIE_DEMO_PASSWORD=PASSWORD, VIGIE_DEMO_SUPPORT_PASSWORD="support-password-1")
    server = subprocess.Popen([SERVER, "serve", "--demo", "--database", f"sqlite:{home}/demo.db",
                               "--listen", "127.0.0.1:0"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        for line in server.stdout:
            if line.startswith("listening on "):
                url = line.split()[-1]
                break
        if url is None:
            print("FAIL: the demo server did not start")
            return 1
        threading.Thread(target=server.stdout.read, daemon=True).start()
        english = run("en", url, {
            "sign_in": "Sign in", "server": "Server address", "email": "Email address", "password": "Password",
            "table": "Sessions", "this_device": "Desktop app, this device", "new_country": ", New country",
            "location": "Location", "warning": "Warning", "new_sign_in": "New sign-in",
            "not_me": "Not me – sign it out"}, None)
        run("fr", url, {
            "sign_in": "Connexion", "server": "Adresse du serveur", "email": "Adresse e-mail",
            "password": "Mot de passe", "table": "Sessions", "this_device": "Application de bureau, cet appareil",
            "new_country": ", Nouveau pays", "location": "Lieu", "warning": "Avertissement",
            "new_sign_in": "Nouvelle connexion", "not_me": "Pas moi – la déconnecter"}, english)
    finally:
        server.terminate()
        server.wait(timeout=10)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("PASS: the screen reader heard every screen, in English and in French")
    return 0


sys.exit(main())
