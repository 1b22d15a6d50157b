"""`python -m mentorlog`: the CLI; git's merge driver takes a short way in.

git runs `'<python>' -m mentorlog merge-file %O %A %B %P` once per file both sides
changed; loading the whole CLI for each would cost most of its time.
"""

import sys

if sys.argv[1:2] == ["merge-file"]:
    from mentorlog.core.mergefile import main as merge_file

    sys.exit(merge_file(sys.argv[2:]))

from mentorlog.cli.entry import main

main()
