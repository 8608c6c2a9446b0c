package org.postwarden.greylist.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/** A script sent by digest, and in full only when the server does not have it cached yet (after a restart). */
final class LuaScript {
    private final String source;
    private final String digest;

    LuaScript(String source, RedisCommands<String, String> commands) {
        this.source = source;
        this.digest = commands.digest(source);
    }

    Long run(RedisCommands<String, String> commands, String[] keys, String... arguments) {
        try {
            return commands.evalsha(digest, ScriptOutputType.INTEGER, keys, arguments);
        } catch (RedisNoScriptException e) {
            return commands.eval(source, ScriptOutputType.INTEGER, keys, arguments);
        }
    }
}
