# hosthog: show who uses this host at login, for systems whose pam_motd does not read
# /run/motd.d (install as /etc/profile.d/hosthog-motd.sh). Interactive login shells only.
case $- in *i*) [ -r /run/motd.d/hosthog ] && [ ! -e "$HOME/.hushlogin" ] && cat /run/motd.d/hosthog ;; esac
