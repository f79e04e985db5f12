# Runs a command on a pseudo-terminal (its standard input, output and error), answers the first
# prompt that contains PROMPT with ANSWER, and prints everything the terminal showed. Exits with the
# command's exit code. Usage: python3 pty_answer.py PROMPT ANSWER COMMAND [ARGS...]
import os
import pty
import select
import sys
import time

prompt, answer, argv = sys.argv[1].encode(), sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
shown = b''
answered = False
deadline = time.time() + 30
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if fd not in ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    shown += data
    if not answered and prompt in shown:
        os.write(fd, (answer + '\n').encode())
        answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode('utf-8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
