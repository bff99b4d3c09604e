/* command-line: option-table and command-table helpers shared by the
 * command-line tools (ovsdb-tool, ovsdb-client, ovs-appctl...), producing
 * the same messages as OVS's tools. */
#include "command-line.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds.h"

char *
ovs_cmdl_long_options_to_short_options(const struct option *options)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    for (; options->name; options++) {
        const struct option *o = options;
        if (!o->flag && o->val > 0 && o->val <= UCHAR_MAX
            && isalnum(o->val)) {
            ds_put_char(&s, o->val);
            if (o->has_arg == required_argument) {
                ds_put_char(&s, ':');
            } else if (o->has_arg == optional_argument) {
                ds_put_cstr(&s, "::");
            }
        }
    }
    return ds_steal_cstr(&s);
}

void
ovs_cmdl_print_options(const struct option *options)
{
    for (; options->name; options++) {
        const struct option *o = options;
        const char *arg = o->has_arg == no_argument ? "" : "=ARG";
        printf("--%s%s\n", o->name, arg);
        if (!o->flag && o->val > 0 && o->val <= UCHAR_MAX
            && isalnum(o->val)) {
            printf("-%c%s\n", o->val, o->has_arg == no_argument ? "" : " ARG");
        }
    }
}

void
ovs_cmdl_print_commands(const struct ovs_cmdl_command *commands)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, "The available commands are:\n");
    for (; commands->name; commands++) {
        ds_put_format(&s, "  %-23s %s\n", commands->name,
                      commands->usage ? commands->usage : "");
    }
    fputs(ds_cstr(&s), stdout);
    ds_destroy(&s);
}

char *
ovs_cmdl_check_command(const struct ovs_cmdl_context *ctx,
                       const struct ovs_cmdl_command *commands,
                       const struct ovs_cmdl_command **commandp)
{
    *commandp = NULL;
    if (ctx->argc < 1) {
        return xstrdup("missing command name; use --help for help");
    }

    const char *name = ctx->argv[0];
    for (const struct ovs_cmdl_command *c = commands; c->name; c++) {
        if (!strcmp(c->name, name)) {
            int n_arg = ctx->argc - 1;
            if (n_arg < c->min_args) {
                return xasprintf("'%s' command requires at least %d "
                                 "arguments", c->name, c->min_args);
            } else if (n_arg > c->max_args) {
                return xasprintf("'%s' command takes at most %d arguments",
                                 c->name, c->max_args);
            }
            *commandp = c;
            return NULL;
        }
    }
    return xasprintf("unknown command '%s'; use --help for help", name);
}

void
ovs_cmdl_run_command(struct ovs_cmdl_context *ctx,
                     const struct ovs_cmdl_command *commands)
{
    const struct ovs_cmdl_command *command;
    char *error = ovs_cmdl_check_command(ctx, commands, &command);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    command->handler(ctx);
}
