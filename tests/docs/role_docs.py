"""Render docs/roles/<role>.md from each role's meta/argument_specs.yml (the one source of truth
for its variables). `make docs` writes them; tests/docs checks the committed pages match."""
import argparse
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def text(value):
    if isinstance(value, list):
        value = " ".join(value)
    return " ".join(str(value or "").split()).replace("|", "\\|")


def option_rows(options, prefix=""):
    for name in sorted(options):
        spec = options[name] or {}
        default = spec.get("default", "")
        kind = spec.get("type", "str") + (f" of {spec['elements']}" if spec.get("elements") else "")
        required = "yes" if spec.get("required") else ""
        choices = f" Choices: {', '.join(map(str, spec['choices']))}." if spec.get("choices") else ""
        yield (f"| `{prefix}{name}` | {kind} | {required} | "
               f"{'`' + yaml.safe_dump(default, default_flow_style=True).strip().removesuffix('...').strip() + '`' if 'default' in spec else ''} | "
               f"{text(spec.get('description'))}{choices} |")
        if spec.get("options"):
            yield from option_rows(spec["options"], f"{prefix}{name}.")


def render(role):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")) as handle:
        specs = yaml.safe_load(handle)["argument_specs"]
    lines = [f"# stackdeploy.openstack.{role}", "",
             f"Generated from `roles/{role}/meta/argument_specs.yml` by `make docs`; "
             f"see also `roles/{role}/README.md`.", ""]
    for entry in sorted(specs, key=lambda name: (name != "main", name)):
        spec = specs[entry]
        lines += [f"## Entry point `{entry}`", "", text(spec.get("short_description")), ""]
        lines += [text(spec.get("description")), ""] if spec.get("description") else []
        lines += ["| variable | type | required | default | description |",
                  "| --- | --- | --- | --- | --- |", *option_rows(spec.get("options") or {}), ""]
    return "\n".join(lines)


def roles():
    return sorted(name for name in os.listdir(os.path.join(ROOT, "roles"))
                  if os.path.exists(os.path.join(ROOT, "roles", name, "meta", "argument_specs.yml")))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write docs/roles/*.md")
    args = parser.parse_args()
    for role in roles():
        path = os.path.join(ROOT, "docs", "roles", f"{role}.md")
        if args.write:
            with open(path, "w") as handle:
                handle.write(render(role))
        else:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
