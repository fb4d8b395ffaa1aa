#!/bin/sh
# Sild's safety nets where there is no cron (the Procfile's `scheduler`): run ONE such process
# for the whole site. Every command is idempotent, so a restart or an overlap repeats nothing.
minute=0
while true; do
    python manage.py requeue_deliveries >/dev/null
    if [ $((minute % 15)) -eq 0 ]; then
        python manage.py send_call_reminders
    fi
    if [ $((minute % 1440)) -eq 0 ]; then
        python manage.py purge_unconfirmed_subscribers
        python manage.py anonymise_consultations
    fi
    minute=$((minute + 1))
    sleep 60
done
