/* courant-cli-export.c: courant-cli export SOURCE --chart NAME -o OUT.png|svg|pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "courant-cli.h"
#include "courant-cli-export.h"
#include "courant-png.h"

/* Each chart adds itself here. */
static const CourantExportChart *charts[] = {
  &courant_export_timeline,
  &courant_export_sankey,
  &courant_export_journey,
  &courant_export_thermo,
  &courant_export_heatmap,
  NULL
};

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} ExportFormat;

typedef struct
{
  char     *chart;
  char     *output;
  char     *theme;
  char     *title;
  int       width;
  int       height;
  double    scale;
  gboolean  timings;
} ExportOptions;

static const CourantExportChart *
find_chart (const char *name)
{
  for (guint i = 0; charts[i] != NULL; i++)
    if (g_strcmp0 (charts[i]->name, name) == 0)
      return charts[i];
  return NULL;
}

/* The chart must be known before parsing, since it brings its own options. */
static const char *
peek_chart (int    argc,
            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--chart") && i + 1 < argc)
        return argv[i + 1];
      if (g_str_has_prefix (argv[i], "--chart="))
        return argv[i] + strlen ("--chart=");
    }
  return NULL;
}

static gboolean
format_for_path (const char   *path,
                 ExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static cairo_surface_t *
create_surface (ExportFormat         format,
                const char          *path,
                const ExportOptions *options)
{
  switch (format)
    {
    case FORMAT_SVG:
      return cairo_svg_surface_create (path, options->width, options->height);
    case FORMAT_PDF:
      return cairo_pdf_surface_create (path, options->width, options->height);
    case FORMAT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                         (int) ceil (options->width * options->scale),
                                         (int) ceil (options->height * options->scale));
    }
}

/* Draws into a file next to the output, renamed over it only once complete:
 * a failed export (a full disk) leaves no half-written file behind. */
static gboolean
write_chart (const CourantExportChart *chart,
             gpointer                  state,
             const ExportOptions      *options,
             ExportFormat              format,
             const CourantTheme       *theme,
             CourantExportTimings     *timings,
             GError                  **error)
{
  g_autofree char *dir = g_path_get_dirname (options->output);
  g_autofree char *tmp = g_build_filename (dir, ".courant-export-XXXXXX", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean written;
  cairo_t *cr;
  gint64 started;
  int fd;

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” cannot be written: %s."), options->output, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  started = g_get_monotonic_time ();
  surface = create_surface (format, tmp, options);
  cr = cairo_create (surface);
  if (format == FORMAT_PNG)
    cairo_scale (cr, options->scale, options->scale);
  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  chart->render (state, cr, theme, options->title);
  cairo_destroy (cr);
  timings->render_ms = courant_cli_elapsed_ms (started);

  started = g_get_monotonic_time ();
  if (format == FORMAT_PNG)
    written = courant_png_write (surface, tmp, error);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      written = status == CAIRO_STATUS_SUCCESS;
      if (!written)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("“%s” could not be written (%s); is the disk full?"),
                     options->output, cairo_status_to_string (status));
    }
  cairo_surface_destroy (surface);
  timings->write_ms = courant_cli_elapsed_ms (started);

  /* The temporary file was private; the chart gets the usual permissions. */
  if (written)
    {
      mode_t mask = umask (0);

      umask (mask);
      g_chmod (tmp, 0666 & ~mask);
    }
  if (written && g_rename (tmp, options->output) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” cannot be written: %s."), options->output, g_strerror (saved));
      written = FALSE;
    }
  if (!written)
    g_unlink (tmp);
  return written;
}

static void
print_timings (const CourantExportTimings *timings)
{
  static const char *names[] = { "open_ms", "load_ms", "query_ms", "layout_ms", "render_ms", "write_ms" };
  const double *values = &timings->open_ms;
  g_autoptr(GString) line = g_string_new ("{");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (values[i] < 0)
        continue;
      if (line->len > 1)
        g_string_append (line, ",");
      g_string_append_printf (line, "\"%s\":%.3f", names[i], values[i]);
    }
  g_string_append (line, "}");
  g_printerr ("%s\n", line->str);
}

static gboolean
check_options (const ExportOptions *options,
               ExportFormat        *format)
{
  if (options->output == NULL || !format_for_path (options->output, format))
    {
      courant_cli_error (_("Give the output file with -o; it must end in .png, .svg or .pdf."));
      return FALSE;
    }
  if (options->width < 16 || options->height < 16 || options->width > 20000 || options->height > 20000)
    {
      courant_cli_error (_("The width and height must be between 16 and 20,000 pixels."));
      return FALSE;
    }
  if (options->scale < 0.25 || options->scale > 8)
    {
      courant_cli_error (_("The scale must be between 0.25 and 8."));
      return FALSE;
    }
  if (options->theme != NULL && !g_str_equal (options->theme, "light") &&
      !g_str_equal (options->theme, "dark"))
    {
      courant_cli_error (_("The theme must be light or dark, not “%s”."), options->theme);
      return FALSE;
    }
  return TRUE;
}

static void
print_charts (void)
{
  g_printerr ("%s\n", _("Charts:"));
  for (guint i = 0; charts[i] != NULL; i++)
    g_printerr ("  %-10s %s\n", charts[i]->name, _(charts[i]->summary));
}

static int
run_export (const CourantExportChart *chart,
            gpointer                  state,
            int                       argc,
            char                    **argv,
            ExportOptions            *options)
{
  CourantExportTimings timings = { -1, -1, -1, -1, -1, -1 };
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  const CourantTheme *theme;
  ExportFormat format;
  gint64 started;

  if (!check_options (options, &format))
    return COURANT_CLI_EXIT_USAGE;
  if (!courant_cli_check_one_source (argc))
    return COURANT_CLI_EXIT_USAGE;

  theme = courant_theme_get (g_strcmp0 (options->theme, "dark") == 0);

  started = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (argv[1]);
  source = courant_source_open (file, NULL, &error);
  timings.open_ms = courant_cli_elapsed_ms (started);

  if (source == NULL ||
      !chart->prepare (state, source, options->width, options->height, theme, &timings, &error) ||
      !write_chart (chart, state, options, format, theme, &timings, &error))
    {
      courant_cli_error ("%s", error->message);
      return COURANT_CLI_EXIT_ERROR;
    }

  if (options->timings)
    print_timings (&timings);
  return COURANT_CLI_EXIT_OK;
}

int
courant_cli_export (int    argc,
                    char **argv)
{
  ExportOptions options = { .width = 1200, .height = 600, .scale = 1.0 };
  g_autoptr(GOptionContext) context = NULL;
  const CourantExportChart *chart;
  const char *name = peek_chart (argc, argv);
  gpointer state;
  int status;

  const GOptionEntry entries[] = {
    { "chart", 0, 0, G_OPTION_ARG_STRING, &options.chart, N_("The chart to draw"), "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, N_("The file to write: .png, .svg or .pdf"), "OUT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &options.width, N_("Width in pixels (default 1200)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &options.height, N_("Height in pixels (default 600)"), "H" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale, N_("Pixels per unit in PNG files (default 1)"), "S" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &options.theme, N_("light or dark"), "THEME" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options.title, N_("A title above the chart"), "T" },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &options.timings, N_("Print the time of each phase on standard error"), NULL },
    { NULL }
  };

  chart = find_chart (name);
  if (chart == NULL)
    {
      if (name == NULL)
        courant_cli_error (_("Choose a chart with --chart."));
      else
        courant_cli_error (_("“%s” is not a chart."), name);
      print_charts ();
      return COURANT_CLI_EXIT_USAGE;
    }

  state = chart->new_state ();
  context = g_option_context_new (_("SOURCE --chart NAME -o OUT — draw a chart to PNG, SVG or PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, chart->get_options (state));

  if (!courant_cli_parse (context, &argc, &argv))
    status = COURANT_CLI_EXIT_USAGE;
  else
    status = run_export (chart, state, argc, argv, &options);

  chart->free_state (state);
  g_free (options.chart);
  g_free (options.output);
  g_free (options.theme);
  g_free (options.title);
  return status;
}
