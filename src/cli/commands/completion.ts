// sts-cli completion bash|zsh|fish: completion scripts generated from the declared commands and
// flags, so they can never drift from what the CLI accepts.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { buildProgram } from '../program.js';
import type { CompletionInput } from '../inputs.js';

interface Spec {
  name: string;
  description: string;
  flags: Array<{ long: string; description: string; choices?: readonly string[]; takesValue: boolean; profile: boolean }>;
  /** The command takes a profile as its first argument (SPEC §7): `sts-cli exec dev -- …`. */
  profileArgument: boolean;
}

// Profile names complete from both files (SPEC §7) through `sts-cli list --names`, which resolves
// nothing and loads no HTTP client, so a TAB costs one short start of node.
const PROFILE_FLAGS = new Set(['--profile', '--source-profile']);
const PROFILE_ARGUMENT = new Set(['assume', 'env', 'exec', 'whoami']);
const LIST_NAMES = 'command sts-cli list --names 2>/dev/null';

function describe(program: Command): Spec[] {
  return program.commands.map((cmd) => ({
    name: cmd.name(),
    description: cmd.description(),
    flags: cmd.options
      .filter((o) => o.long && !o.hidden)
      .map((o) => ({
        long: o.long!,
        description: o.description,
        takesValue: o.required || o.optional,
        profile: PROFILE_FLAGS.has(o.long!),
        ...(o.argChoices ? { choices: o.argChoices } : {}),
      })),
    profileArgument: PROFILE_ARGUMENT.has(cmd.name()),
  }));
}

/** Every flag of `spec` that takes a value, and hides the word after it from the argument count. */
const valueFlags = (spec: Spec) =>
  spec.flags
    .filter((f) => f.takesValue)
    .map((f) => f.long)
    .join(' ');

// bash: matches are filtered by [[ == ]] and quoted with %q, never run through compgen -W, which
// would expand a `$(…)` in a profile name.
const BASH_PROFILES = `_sts_cli_profiles() {
  local name want=$cur
  [[ $want == = ]] && want=
  COMPREPLY=()
  while IFS= read -r name; do
    [[ $name == "$want"* ]] && COMPREPLY+=( "$(printf '%q' "$name")" )
  done < <(${LIST_NAMES})
}
# True when the word being completed is the command's first argument (value flags given in $1).
_sts_cli_first_argument() {
  local i word skip=0
  [[ $cur == -* ]] && return 1
  for (( i = 2; i < COMP_CWORD; i++ )); do
    word=\${COMP_WORDS[i]}
    # bash splits --flag=value at the = (COMP_WORDBREAKS): the word after it is the value.
    if [[ $word == = ]]; then skip=1; continue; fi
    if (( skip )); then skip=0; continue; fi
    case "$word" in
      --) return 1 ;;
      --*=*) ;;
      -*) [[ " $1 " == *" $word "* ]] && skip=1 ;;
      *) return 1 ;;
    esac
  done
}
`;

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(specs: Spec[]): string {
  const cases = specs
    .map((s) => {
      const choices = s.flags
        .filter((f) => f.choices)
        .map((f) => `        ${f.long}) COMPREPLY=( $(compgen -W "${f.choices!.join(' ')}" -- "$cur") ); return ;;`)
        .join('\n');
      const profileFlags = s.flags.filter((f) => f.profile).map((f) => f.long);
      const profiles = profileFlags.length > 0 ? `\n        ${profileFlags.join('|')}) _sts_cli_profiles; return ;;` : '';
      const argument = s.profileArgument ? `\n      if _sts_cli_first_argument "${valueFlags(s)}"; then _sts_cli_profiles; return; fi` : '';
      return `    ${s.name})\n      case "$prev" in\n${choices}${profiles}\n      esac${argument}\n      COMPREPLY=( $(compgen -W "${s.flags.map((f) => f.long).join(' ')} --help" -- "$cur") ) ;;`;
    })
    .join('\n');
  return `# bash completion for sts-cli: source <(sts-cli completion bash)
${BASH_PROFILES}_sts_cli() {
  local cur prev cmd
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  [[ $prev == = ]] && prev="\${COMP_WORDS[COMP_CWORD-2]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${specs.map((s) => s.name).join(' ')} --help --version" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
  esac
}
complete -o default -F _sts_cli sts-cli
`;
}

function zsh(specs: Spec[]): string {
  const esc = (t: string) => t.replace(/[[\]:']/g, (c) => `\\${c}`);
  const commands = specs.map((s) => `    ${quote(`${s.name}:${s.description}`)}`).join('\n');
  const cases = specs
    .map((s) => {
      const args = s.flags
        .map((f) => {
          const value = f.takesValue ? (f.choices ? `:value:(${f.choices.join(' ')})` : f.profile ? ':profile:_sts_cli_profiles' : ':value:_files') : '';
          return `        ${quote(`${f.long}[${esc(f.description)}]${value}`)}`;
        })
        .join(' \\\n');
      const argument = s.profileArgument ? ` \\\n        '1:profile:_sts_cli_profiles'` : '';
      return `    ${s.name})\n      _arguments \\\n${args}${argument}${s.name === 'exec' ? ` \\\n        '*::command:_normal'` : ''} ;;`;
    })
    .join('\n');
  return `#compdef sts-cli
# zsh completion for sts-cli: sts-cli completion zsh > ~/.zfunc/_sts-cli, with fpath=(~/.zfunc $fpath)
# before compinit in ~/.zshrc; or source <(sts-cli completion zsh) after compinit.
_sts_cli() {
  local -a commands
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local cmd=\${words[2]}
  shift words; (( CURRENT-- ))
  _sts_cli_profiles() {
    local -a expl profiles
    profiles=( \${(f)"$(${LIST_NAMES})"} )
    _wanted profiles expl profile compadd -a profiles
  }
  case $cmd in
${cases}
  esac
}
# Autoloaded from fpath (compinit runs this file as the function _sts-cli on the first TAB): define
# the function and complete at once. Sourced: register it.
if [[ \${funcstack[1]} == _sts-cli ]]; then
  _sts_cli "$@"
else
  compdef _sts_cli sts-cli
fi
`;
}

const FISH_PROFILES = `function __sts_cli_profiles
    ${LIST_NAMES}
end
# True when the token being completed is the first argument of command $argv[1] (value flags after it).
function __sts_cli_first_argument
    set -l tokens (commandline -opc)
    test (count $tokens) -ge 2; and test $tokens[2] = $argv[1]; or return 1
    set -l skip 0
    for word in $tokens[3..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                return 1
            case '--*=*'
            case '-*'
                contains -- $word $argv[2..-1]; and set skip 1
            case '*'
                return 1
        end
    end
    string match -q -- '-*' (commandline -ct); and return 1
    return 0
end`;

function fish(specs: Spec[]): string {
  const lines = ['# fish completion for sts-cli: sts-cli completion fish > ~/.config/fish/completions/sts-cli.fish', 'complete -c sts-cli -f', FISH_PROFILES];
  for (const s of specs) lines.push(`complete -c sts-cli -n __fish_use_subcommand -a ${s.name} -d ${quote(s.description)}`);
  for (const s of specs) {
    if (s.profileArgument) {
      lines.push(`complete -c sts-cli -n ${quote(`__sts_cli_first_argument ${s.name} ${valueFlags(s)}`)} -a '(__sts_cli_profiles)' -d profile`);
    }
    for (const f of s.flags) {
      const choices = f.choices ? ` -x -a ${quote(f.choices.join(' '))}` : f.profile ? ` -x -a '(__sts_cli_profiles)'` : f.takesValue ? ' -r' : '';
      lines.push(`complete -c sts-cli -n '__fish_seen_subcommand_from ${s.name}' -l ${f.long.slice(2)}${choices} -d ${quote(f.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function run(_input: CompletionInput, ctx: CliContext, args: string[]): Promise<void> {
  const shell = args[0];
  const specs = describe(buildProgram(async () => undefined));
  const render = { bash, zsh, fish }[shell as 'bash' | 'zsh' | 'fish'];
  if (!render) throw new UsageError(`Unknown shell "${shell}": choose bash, zsh or fish.`);
  ctx.out.data(render(specs));
}
