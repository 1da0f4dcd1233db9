"""A bad setting is one line naming the config file, for l10n.toml and [tool.l10n] alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]

# (the setting as TOML, the start of the message after "<file>: ")
BAD_SETTINGS = {
    "wrong type": ("domain = 5", "setting 'domain' must be a str"),
    "unknown key": ("colour = 'red'", "unknown setting 'colour'"),
    "domain path": ("domain = '../../evil'", "domain '../../evil' is a path"),
    "domain absolute": ("domain = '/tmp/evil'", "domain '/tmp/evil' is a path"),
    "domain empty": ("domain = ''", "domain '' is not a plain name"),
    "language path": ("languages = ['../uk']", "setting 'languages': '../uk' is a path"),
    "language unknown": ("languages = ['ukr']", "setting 'languages': unknown language 'ukr'"),
    "languages type": ("languages = [1]", "setting 'languages' must be a list of strings"),
    "source language": ("source_lang = 'english!'", "setting 'source_lang': "),
    "encoding unknown": ("encoding = 'klingon-8'", "setting 'encoding': unknown encoding"),
    "encoding no text": ("encoding = 'base64'", "setting 'encoding': 'base64' is not a text"),
    "lock negative": ("lock_timeout = -1", "setting 'lock_timeout' must be a number of"),
    "lock nan": ("lock_timeout = nan", "setting 'lock_timeout' must be a number of"),
    "lock type": ("lock_timeout = '10'", "setting 'lock_timeout' must be a int or float"),
    "bool type": ("offline = 'yes'", "setting 'offline' must be a bool"),
    "locales outside": ("locales = '/tmp'", "setting 'locales' leads outside the project"),
    "out outside": ("out = '../..'", "setting 'out' leads outside the project"),
    "skip regex": ("[skip]\nparagraphs = ['(']", "invalid skip pattern '('"),
    "skip blocks type": ("[skip]\nblocks = 5", "skip 'blocks' must be a list"),
    "skip block values": (
        "[skip]\nblocks = [{start = 1, end = 2}]", "each skip block needs exactly 'start'"
    ),
    "skip block regex": ("[skip]\nblocks = [{start = '[', end = 'x'}]", "invalid skip pattern"),
    "skip output": ("[skip]\noutput = 'burn'", "skip output must be 'keep' or 'drop'"),
    "skip output type": ("[skip]\noutput = 1", "setting 'output' must be a str"),
    "skip unknown": ("[skip]\nlines = []", "unknown skip setting 'lines'"),
    "table type": ("skip = 5", "setting 'skip' must be a dict"),
    "translate engine": ("[translate]\nengine = 'nope'", "[translate] unknown engine 'nope'"),
    "translate beam": ("[translate]\nbeam_size = 0", "[translate] beam size must be at least 1"),
    "translate device": ("[translate]\ndevice = 'tpu'", "[translate] unknown device 'tpu'"),
    "translate type": ("[translate]\nthreads = 'many'", "setting 'threads' must be a int"),
    "translate unknown": ("[translate]\nspeed = 1", "unknown translate setting 'speed'"),
    "engines type": ("[translate]\nengines = 'apertium'", "setting 'engines' must be a dict"),
    "engines name": (
        "[translate]\nengines = { es = 'deepl' }", "[translate] engines: es = 'deepl' is no engine"
    ),
    "engines auto": (
        "[translate]\nengines = { es = 'auto' }", "[translate] engines: es = 'auto' is no engine"
    ),
    "engines variant": (
        "[translate]\nengines = { ca = 'argos:valencia' }",
        "[translate] engines: ca = 'argos:valencia' is no engine",
    ),
    "engines value": (
        "[translate]\nengines = { es = 1 }", "[translate] engines: 'es' must name an engine"
    ),
    "engines language": (
        "[translate]\nengines = { spanish_x = 'apertium' }", "setting 'engines': "
    ),
    "packages user": (
        "[translate]\npackages_dir = '~no-such-user-l10n/x'", "cannot expand '~no-such-user"
    ),
    "review unknown": ("[review]\nwho = 'me'", "unknown review setting 'who'"),
    "check unknown": ("[check]\nenable = []", "unknown check setting 'enable'"),
    "too deep": ("a = " + "[" * 3000 + "]" * 3000, "invalid TOML: nested too deeply"),
    "bad TOML": ("domain = ", "invalid TOML"),
}


def _write(folder: Path, kind: str, setting: str) -> str:
    if kind == "l10n.toml":
        (folder / "l10n.toml").write_text(f'sources = ["a.txt"]\n{setting}\n', encoding="utf-8")
    else:
        (folder / "pyproject.toml").write_text(
            '[project]\nname = "x"\n\n[tool.l10n]\nsources = ["a.txt"]\n'
            + setting.replace("[", "[tool.l10n.", 1 if setting.startswith("[") else 0)
            + "\n",
            encoding="utf-8",
        )
    return kind


@pytest.mark.parametrize("kind", ["l10n.toml", "pyproject.toml"])
@pytest.mark.parametrize("case", BAD_SETTINGS, ids=list(BAD_SETTINGS))
def test_a_bad_setting_names_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, kind: str, case: str
) -> None:
    setting, message = BAD_SETTINGS[case]
    if kind == "pyproject.toml" and setting.startswith("a = "):
        setting = "[tool.l10n.deep]\n" + setting
    if kind == "pyproject.toml" and case in ("table type", "bad TOML"):
        pytest.skip("the same TOML in a [tool.l10n] table means something else")
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    name = _write(tmp_path, kind, setting)
    commands = ("build", "run") if case == "out outside" else ("extract", "stats")
    for command in commands:  # "out" is checked by the commands that write there
        result = run_cli(command, expect=1)
        assert result.stderr.startswith(f"error: {name}: "), result.stderr
        if not (kind == "pyproject.toml" and case == "too deep"):
            assert result.stderr[len(f"error: {name}: ") :].startswith(message), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", name])


def test_a_pyproject_whose_tool_is_no_table_is_no_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = "l10n"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run_cli("stats", "-l", "uk", expect=1)  # no catalog: an error, not a traceback
    (tmp_path / "pyproject.toml").write_text("[tool]\nl10n = 5\n", encoding="utf-8")
    result = run_cli("stats", expect=1)
    assert result.stderr == "error: pyproject.toml: [tool.l10n] must be a table\n"


def test_a_config_given_with_config_is_named_too(tmp_path: Path, run_cli: Run) -> None:
    config = tmp_path / "team.toml"
    config.write_text("domain = 'a/b'\n", encoding="utf-8")
    result = run_cli("--config", str(config), "stats", expect=1)
    assert result.stderr.startswith(f"error: {config}: domain 'a/b' is a path")
