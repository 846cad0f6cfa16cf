"""Stand-in for ansible-test's get-pip bootstrap script, whose download host is out of reach
here: bootstrap pip from the interpreter's bundled wheel, then install what ansible-test asked
for (its pinned pip among them) from the package index as usual."""
import subprocess
import sys

# In a child process: ensurepip.bootstrap() would leave PIP_CONFIG_FILE=/dev/null behind,
# hiding the machine's pip configuration (its index and CA) from the install below.
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade'])
# get-pip's own switches; pip install does not know them.
args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install'] + args))
