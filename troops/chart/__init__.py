"""What a chart shows and says, as plain data: levels, marks, numbered sources, captions.

The one chart-data layer the paper figure and the web page both draw from.  It never imports
matplotlib or any web library.
"""
