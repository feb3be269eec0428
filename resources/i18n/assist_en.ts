<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Composer</name>
    <message>
        <location filename="../../assist/ui/composer.py" line="135"/>
        <source>Still to fill in: %1. Fill it in, or press Ctrl+Enter again to send it as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="169"/>
        <source>Typed by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="171"/>
        <source>From draft %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="175"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/composer.py" line="178"/>
        <source>edited %n character(s)</source>
        <translation>
            <numerusform>edited %n character</numerusform>
            <numerusform>edited %n characters</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="182"/>
        <source>Write a reply, or insert a draft with Alt+1, Alt+2, Alt+3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="183"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="184"/>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="185"/>
        <source>Ctrl+Enter to send · Esc to clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleColumns</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="43"/>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="44"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="45"/>
        <source>agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="46"/>
        <source>model version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="47"/>
        <source>draft source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="48"/>
        <source>rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="49"/>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="50"/>
        <source>drafts shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="51"/>
        <source>inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="52"/>
        <source>dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="53"/>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="54"/>
        <source>sent as is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="55"/>
        <source>sent, light edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="56"/>
        <source>sent, heavy edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="57"/>
        <source>sent, typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="58"/>
        <source>ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="59"/>
        <source>acceptance rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="60"/>
        <source>predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="61"/>
        <source>corrected to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="62"/>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="63"/>
        <source>predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="64"/>
        <source>mean confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="65"/>
        <source>low confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="66"/>
        <source>corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="67"/>
        <source>correction rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="68"/>
        <source>kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="69"/>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="70"/>
        <source>successes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="71"/>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="72"/>
        <source>95% CI low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="73"/>
        <source>95% CI high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="74"/>
        <source>latency p50 (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="75"/>
        <source>latency p95 (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="76"/>
        <source>arm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="77"/>
        <source>from a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="78"/>
        <source>version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="79"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="80"/>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="81"/>
        <source>data hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="82"/>
        <source>comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="83"/>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="84"/>
        <source>promoted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="85"/>
        <source>answered with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="86"/>
        <source>rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="87"/>
        <source>mean rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="88"/>
        <source>rating 95% CI low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="89"/>
        <source>rating 95% CI high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="90"/>
        <source>satisfied (4-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="91"/>
        <source>thumbs up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="92"/>
        <source>thumbs down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="93"/>
        <source>wrong intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="94"/>
        <source>wrong facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="95"/>
        <source>wrong tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="96"/>
        <source>wrong language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="97"/>
        <source>too long</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleExport</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="349"/>
        <source>Export table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="351"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="360"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="361"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleValues</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="166"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="167"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="168"/>
        <source>drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="169"/>
        <source>candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="170"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="171"/>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="172"/>
        <source>challenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="173"/>
        <source>control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="174"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="175"/>
        <source>better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="176"/>
        <source>not better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="177"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="178"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="179"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="180"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationInfo</name>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="52"/>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="54"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="60"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="63"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="65"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="70" />
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="66"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="67"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="68"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="69"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../assist/ui/conversation_view.py" line="77"/>
        <source>Select a conversation in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/conversation_view.py" line="105"/>
        <source>… (%n more characters)</source>
        <translation>
            <numerusform>… (%n more characters)</numerusform>
            <numerusform>… (%n more characters)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DebugView</name>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="57"/>
        <source>Responsiveness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="59"/>
        <source>Event-loop lag p50 / p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="60"/>
        <source>Event-loop lag, worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="61"/>
        <source>Message to intents p50 / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="62"/>
        <source>Message to first draft p50 / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="63"/>
        <source>Message to all drafts p50 / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="64"/>
        <source>Messages waiting for the intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="65"/>
        <source>Database writes queued</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskSession</name>
    <message>
        <location filename="../../assist/ui/session.py" line="202"/>
        <source>intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="204"/>
        <source>draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="211"/>
        <source>Training the %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="218"/>
        <source>Intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="220"/>
        <source>Draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="320"/>
        <source>The new database URL applies when the desk restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="359"/>
        <source>About Assist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="139"/>
        <source>Intents %1 · Drafts %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="140"/>
        <location filename="../../assist/ui/status_bar.py" line="141"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="145"/>
        <location filename="../../assist/ui/status_bar.py" line="149"/>
        <source>Ingest off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="149"/>
        <source>Ingest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="155"/>
        <source>Outbox: %n waiting (webhook down)</source>
        <translation>
            <numerusform>Outbox: %n waiting (webhook down)</numerusform>
            <numerusform>Outbox: %n waiting (webhook down)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="158"/>
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>Outbox: %n waiting</numerusform>
            <numerusform>Outbox: %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="161"/>
        <source>%n not delivered</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="163"/>
        <source>Refused by the receiver, not retried: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="168"/>
        <source>Storage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="168"/>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="170"/>
        <source>Storage: OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="183"/>
        <source>Intents %1 ms · first draft %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../assist/ui/main_window.py" line="194"/>
        <location filename="../../assist/ui/main_window.py" line="221"/>
        <source>No conversation selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="199"/>
        <source>Assist — agent desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="200"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="201"/>
        <source>&amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="202"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="203"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="205"/>
        <source>Insert draft %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="206"/>
        <source>Next conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="207"/>
        <source>Previous conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="208"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="209"/>
        <source>Mark handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="210"/>
        <source>Close the conversation and log the handling time (Ctrl+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="211"/>
        <source>Go to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="212"/>
        <source>Go to reply box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="213"/>
        <source>Correct intent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="214"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="215"/>
        <source>Supervisor console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="216"/>
        <source>Responsiveness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="217"/>
        <source>Event-loop lag and pipeline latencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="218"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="219"/>
        <source>About Assist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftCard</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="60"/>
        <source>Wrong intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="61"/>
        <source>Wrong facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="62"/>
        <source>Wrong tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="63"/>
        <source>Wrong language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="64"/>
        <source>Too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="167"/>
        <source>writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="168"/>
        <source>Fill in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="193"/>
        <source>Rated bad: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="193"/>
        <source>Bad draft… (say why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="213"/>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="215"/>
        <source>Put this draft into the reply box (Alt+%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="217"/>
        <source>Dismiss this draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="218"/>
        <source>Good draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="224"/>
        <source>Bad, no reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="324"/>
        <source>Drafts appear here for the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="326"/>
        <source>Preparing drafts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="328"/>
        <source>Regenerating drafts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="330"/>
        <source>New drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="333"/>
        <source>Some drafts are unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="337"/>
        <source>No drafts for this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="349"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="349"/>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="351"/>
        <source>Auto (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="351"/>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="356"/>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="357"/>
        <source>The language the drafts are written in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="359"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="360"/>
        <source>Ask for new drafts (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="31"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="33"/>
        <source>Agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="77"/>
        <source>Example conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="87"/>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="101"/>
        <source>cannot load the conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="40"/>
        <source>shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="41"/>
        <source>insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="42"/>
        <source>as-is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="43"/>
        <source>light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="44"/>
        <source>heavy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="45"/>
        <source>typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="46"/>
        <source>ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="70"/>
        <source>Acceptance funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="74"/>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntentPanel</name>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="152"/>
        <source>Corrected to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="179"/>
        <source>Choose another intent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="185"/>
        <source>Intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="186"/>
        <source>Unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="187"/>
        <source>The message fits none of the known intents well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="188"/>
        <source>Waiting for a customer message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="189"/>
        <source>Correct the intent: the drafts follow it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../assist/ui/labels.py" line="25"/>
        <source>No intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="35"/>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="36"/>
        <source>Retrieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="37"/>
        <source>Generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="46"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="48"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="49"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <location filename="../../assist/ui/console_models.py" line="178"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="178"/>
        <source>drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="181"/>
        <source>Promote selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="182"/>
        <source>A/B test selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="184"/>
        <source>New conversations get the active version or the selected one at random; compare them in the A/B table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="186"/>
        <source>Stop A/B test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="187"/>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="188"/>
        <source>Return to the chosen version (default: the one active before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="190"/>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="194"/>
        <source>Fast (head-only intent / short draft fine-tune)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="195"/>
        <source>Retrain from logged data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="196"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="198"/>
        <source>Model registry (one active version per kind; desks switch without restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="223"/>
        <source>the previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="229"/>
        <source>%1 (instant demo engines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="231"/>
        <source>%1 (first-run default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="236"/>
        <source>instant-%1 (instant demo engines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="281"/>
        <source>promoted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="287"/>
        <source>A/B test started: new conversations get the active version or %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="293"/>
        <source>no A/B test was running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="295"/>
        <source>A/B test of %1 stopped: everyone gets the active version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="303"/>
        <source>%1 rolled back to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="324"/>
        <source>nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="331"/>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="364"/>
        <source>retraining %1 in a separate process…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="386"/>
        <source>cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="406"/>
        <source>not retrained: nothing was trained and nothing changed for the agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="411"/>
        <source>retrain did not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="416"/>
        <source>candidate %1: %2. Select it and press Promote to use it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../assist/ui/problems.py" line="27"/>
        <source>no draft model yet: the first-run training is making one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="31"/>
        <source>text generation is turned off in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="35"/>
        <source>the remote generator has no URL in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="39"/>
        <source>the generator setting is not one Assist knows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="43"/>
        <source>the draft generator is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="47"/>
        <source>the draft generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="51"/>
        <source>the draft model did not load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="55"/>
        <source>the demo shop cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="59"/>
        <source>the intent model did not load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="63"/>
        <source>no intent engine is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="67"/>
        <source>no trained intent model yet: using the demo shop&apos;s quick matcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="71"/>
        <source>the draft engine did not load: serving library drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="75"/>
        <source>no draft engine is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="79"/>
        <source>the A/B test is not running on this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="83"/>
        <source>the model registry cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="98"/>
        <source>drafts are retrieved only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="104"/>
        <source>a problem occurred (details in the tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="104"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="106"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="107"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="115"/>
        <source>fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="116"/>
        <source>pretraining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="117"/>
        <source>encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="118"/>
        <source>training drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="119"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="120"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="121"/>
        <source>evaluating on held-out data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="140"/>
        <source>step %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="152"/>
        <source>about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromoteDialog</name>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="41"/>
        <source>Promote %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="53"/>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="54"/>
        <source>Active now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="54"/>
        <source>none (the instant demo engines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="55"/>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="56"/>
        <source>Evaluation rows (same for both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="57"/>
        <source>Candidate score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="58"/>
        <source>Active score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="59"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="60"/>
        <source>95 % interval of the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="61"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="72"/>
        <source>Promote anyway: I accept that the agents may get worse results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="74"/>
        <source>Reason (required, recorded in the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="95"/>
        <source>%1 is not shown to be better than the active model on the fixed evaluation set. Promoting it changes what every agent sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="102"/>
        <source>%1 is better than the active model on the fixed evaluation set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="114"/>
        <source>Promote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="117"/>
        <source>Promote anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCoreApplication.self.window</name>
    <message>
        <location filename="../../assist/ui/session.py" line="361"/>
        <source>Assist: intents and reply drafts for customer service, learning from every reply.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../assist/ui/queue_view.py" line="151"/>
        <source>Unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/queue_view.py" line="154"/>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/queue_view.py" line="169"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="115"/>
        <source>Model directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="146"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="148"/>
        <source>Agent name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="149"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="150"/>
        <source>Database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="151"/>
        <source>Intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="152"/>
        <source>Draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="153"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="154"/>
        <source>Ingest port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="155"/>
        <source>Ingest token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="156"/>
        <source>Outbound webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="160"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="161"/>
        <source>empty: the built-in SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="162"/>
        <location filename="../../assist/ui/settings_dialog.py" line="163"/>
        <source>empty: the active model in the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="164"/>
        <source>empty: replies stay in the local outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="167"/>
        <source>Agent name, language, models, device, ingest and webhook apply at once; a new database URL applies when the desk restarts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorConsole</name>
    <message>
        <location filename="../../assist/ui/console.py" line="226"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="227"/>
        <source>agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="228"/>
        <source>model version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="229"/>
        <source>draft source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="230"/>
        <source>rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="231"/>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="238"/>
        <source>Assist — supervisor console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="240"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="241"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="242"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="243"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="247"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="248"/>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="249"/>
        <source>Break down by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="253"/>
        <source>Acceptance funnel (acceptance = sent from a draft / sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="254"/>
        <source>By day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="255"/>
        <source>Agent corrections (predicted -&gt; corrected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="256"/>
        <source>Intents with low confidence or many corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="257"/>
        <source>Model comparison (95% Wilson intervals; latency in ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="258"/>
        <source>A/B split (conversations assigned at random)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="260"/>
        <source>Customer satisfaction (CSAT 1-5; 4-5 counts as satisfied) by how replies were written, with 95% intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="263"/>
        <source>Agents&apos; ratings of drafts (thumbs up / down, and why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="269"/>
        <source>Funnel by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="271"/>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="271"/>
        <source>Breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="271"/>
        <source>Intent quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="271"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="280"/>
        <source>unedited draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="281"/>
        <source>edited draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="282"/>
        <source>no draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="302"/>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="304"/>
        <source>acceptance %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="306"/>
        <source>no replies in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="308"/>
        <source>cannot read the figures: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message numerus="yes">
        <location filename="../../assist/ui/console_common.py" line="268"/>
        <source>double-click: %n example conversation(s)</source>
        <translation>
            <numerusform>double-click: %n example conversation</numerusform>
            <numerusform>double-click: %n example conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TablePane</name>
    <message>
        <location filename="../../assist/ui/console.py" line="114"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrailPanel</name>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="72"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="73"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="74"/>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="76"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="112"/>
        <source>Acceptance rate by day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
