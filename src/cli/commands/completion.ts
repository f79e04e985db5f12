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
  flags: Array<{ long: string; description: string; choices?: readonly string[]; takesValue: boolean }>;
}

function describe(program: Command): Spec[] {
  return program.commands.map((cmd) => ({
    name: cmd.name(),
    description: cmd.description(),
    flags: cmd.options
      .filter((o) => o.long && !o.hidden)
      .map((o) => ({ long: o.long!, description: o.description, takesValue: o.required || o.optional, ...(o.argChoices ? { choices: o.argChoices } : {}) })),
  }));
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(specs: Spec[]): string {
  const cases = specs
    .map((s) => {
      const choices = s.flags
        .filter((f) => f.choices)
        .map((f) => `        ${f.long}) COMPREPLY=( $(compgen -W "${f.choices!.join(' ')}" -- "$cur") ); return ;;`)
        .join('\n');
      return `    ${s.name})\n      case "$prev" in\n${choices}\n      esac\n      COMPREPLY=( $(compgen -W "${s.flags.map((f) => f.long).join(' ')} --help" -- "$cur") ) ;;`;
    })
    .join('\n');
  return `# bash completion for sts-cli: source <(sts-cli completion bash)
_sts_cli() {
  local cur prev cmd
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
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
          const value = f.takesValue ? (f.choices ? `:value:(${f.choices.join(' ')})` : ':value:_files') : '';
          return `        ${quote(`${f.long}[${esc(f.description)}]${value}`)}`;
        })
        .join(' \\\n');
      return `    ${s.name})\n      _arguments \\\n${args}${s.name === 'exec' ? ` \\\n        '*::command:_normal'` : ''} ;;`;
    })
    .join('\n');
  return `#compdef sts-cli
# zsh completion for sts-cli: sts-cli completion zsh > "\${fpath[1]}/_sts-cli"
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
  case $cmd in
${cases}
  esac
}
compdef _sts_cli sts-cli
`;
}

function fish(specs: Spec[]): string {
  const lines = ['# fish completion for sts-cli: sts-cli completion fish > ~/.config/fish/completions/sts-cli.fish', 'complete -c sts-cli -f'];
  for (const s of specs) lines.push(`complete -c sts-cli -n __fish_use_subcommand -a ${s.name} -d ${quote(s.description)}`);
  for (const s of specs) {
    for (const f of s.flags) {
      const choices = f.choices ? ` -x -a ${quote(f.choices.join(' '))}` : f.takesValue ? ' -r' : '';
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
