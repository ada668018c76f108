"""What every part of the UI uses: settings, colours, safe text and error reports."""
