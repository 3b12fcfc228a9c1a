package io.consoul.cli.switching;

import java.util.Map;

/** The three things the switch asks of a deployed stack; {@link PulumiStack} does them through the Automation API. */
interface StackGateway {
    /** The stack's outputs as strings ({@code url}, {@code previewUrl}, {@code activeColor}, …). */
    Map<String, String> outputs();

    /** {@code pulumi config set consoul:activeColor <colour>}. */
    void setActiveColor(String colour);

    /** {@code pulumi up}: only the routing changes, both colours keep running. */
    void up();
}
