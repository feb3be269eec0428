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
        <location filename="../../assist/ui/console_common.py" line="45"/>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="46"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="47"/>
        <source>agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="48"/>
        <source>model version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="49"/>
        <source>draft source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="50"/>
        <source>rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="51"/>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="52"/>
        <source>drafts shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="53"/>
        <source>inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="54"/>
        <source>dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="55"/>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="56"/>
        <source>sent as is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="57"/>
        <source>sent, light edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="58"/>
        <source>sent, heavy edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="59"/>
        <source>sent, typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="60"/>
        <source>ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="61"/>
        <source>acceptance rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="62"/>
        <source>predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="63"/>
        <source>corrected to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="64"/>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="65"/>
        <source>predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="66"/>
        <source>mean confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="67"/>
        <source>low confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="68"/>
        <source>corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="69"/>
        <source>correction rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="70"/>
        <source>kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="71"/>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="72"/>
        <source>successes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="73"/>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="74"/>
        <source>95% CI low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="75"/>
        <source>95% CI high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="76"/>
        <source>latency p50 (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="77"/>
        <source>latency p95 (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="78"/>
        <source>arm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="79"/>
        <source>from a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="80"/>
        <source>version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="81"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="82"/>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="83"/>
        <source>data hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="84"/>
        <source>comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="85"/>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="86"/>
        <source>promoted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="87"/>
        <source>answered with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="88"/>
        <source>rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="89"/>
        <source>mean rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="90"/>
        <source>rating 95% CI low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="91"/>
        <source>rating 95% CI high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="92"/>
        <source>satisfied (4-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="93"/>
        <source>thumbs up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="94"/>
        <source>thumbs down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="95"/>
        <source>wrong intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="96"/>
        <source>wrong facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="97"/>
        <source>wrong tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="98"/>
        <source>wrong language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="99"/>
        <source>too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="101"/>
        <source>run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="102"/>
        <source>job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="103"/>
        <source>progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="104"/>
        <source>message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="105"/>
        <source>started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="106"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="107"/>
        <source>candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="108"/>
        <source>log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="109"/>
        <source>when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="110"/>
        <source>action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="111"/>
        <source>outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="112"/>
        <source>actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="113"/>
        <source>from version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="114"/>
        <source>to version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="115"/>
        <source>figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="116"/>
        <source>reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleExport</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="433"/>
        <source>Export table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="435"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="444"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="445"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleValues</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="220"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="221"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="222"/>
        <source>drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="223"/>
        <source>candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="224"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="225"/>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="226"/>
        <source>challenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="227"/>
        <source>control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="228"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="229"/>
        <source>better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="230"/>
        <source>not better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="231"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="232"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="233"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="234"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="235"/>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="236"/>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="237"/>
        <source>retrain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="238"/>
        <source>first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="239"/>
        <source>first run (resumed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="240"/>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="241"/>
        <source>evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="242"/>
        <source>promote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="243"/>
        <source>roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="244"/>
        <source>A/B test started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="245"/>
        <source>A/B test stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="246"/>
        <source>fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="247"/>
        <source>desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="248"/>
        <source>worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="249"/>
        <source>cannot compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="250"/>
        <source>no active model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationInfo</name>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="56"/>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="58"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="64"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="67"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="69"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="70"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="71"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="72"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="73"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="74"/>
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
        <location filename="../../assist/ui/session.py" line="214"/>
        <source>intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="216"/>
        <source>draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="223"/>
        <source>Training the %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="230"/>
        <source>Intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="232"/>
        <source>Draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="400"/>
        <source>About Assist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="160"/>
        <source>Intents %1 · Drafts %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="160"/>
        <location filename="../../assist/ui/status_bar.py" line="161"/>
        <location filename="../../assist/ui/status_bar.py" line="162"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="165"/>
        <source>Ingest off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="165"/>
        <source>Ingest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="173"/>
        <source>Outbox: %n waiting (webhook down)</source>
        <translation>
            <numerusform>Outbox: %n waiting (webhook down)</numerusform>
            <numerusform>Outbox: %n waiting (webhook down)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="176"/>
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>Outbox: %n waiting</numerusform>
            <numerusform>Outbox: %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="179"/>
        <source>%n not delivered</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="181"/>
        <source>Refused by the receiver, not retried: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="190"/>
        <source>Storage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="190"/>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="192"/>
        <source>Storage: OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="206"/>
        <source>Intents %1 ms · first draft %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../assist/ui/main_window.py" line="195"/>
        <location filename="../../assist/ui/main_window.py" line="222"/>
        <source>No conversation selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="200"/>
        <source>Assist — agent desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="201"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="202"/>
        <source>&amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="203"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="204"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="206"/>
        <source>Insert draft %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="207"/>
        <source>Next conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="208"/>
        <source>Previous conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="209"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="210"/>
        <source>Mark handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="211"/>
        <source>Close the conversation and log the handling time (Ctrl+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="212"/>
        <source>Go to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="213"/>
        <source>Go to reply box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="214"/>
        <source>Correct intent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="215"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="216"/>
        <source>Supervisor console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="217"/>
        <source>Responsiveness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="218"/>
        <source>Event-loop lag and pipeline latencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="219"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="220"/>
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
        <location filename="../../assist/ui/drafts_panel.py" line="172"/>
        <source>writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="173"/>
        <source>Fill in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="198"/>
        <source>Rated bad: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="198"/>
        <source>Bad draft… (say why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="218"/>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="220"/>
        <source>Put this draft into the reply box (Alt+%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="222"/>
        <source>Dismiss this draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="223"/>
        <source>Good draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="229"/>
        <source>Bad, no reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="343"/>
        <source>Drafts appear here for the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="345"/>
        <source>Preparing drafts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="347"/>
        <source>Regenerating drafts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="349"/>
        <source>New drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="354"/>
        <source>The draft model has changed since these drafts: Regenerate asks the new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="357"/>
        <source>Some drafts are unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="360"/>
        <source>No drafts for this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="380"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="380"/>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="382"/>
        <source>Auto (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="382"/>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="387"/>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="388"/>
        <source>The language the drafts are written in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="390"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="391"/>
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
        <location filename="../../assist/ui/intent_panel.py" line="153"/>
        <source>Corrected to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="180"/>
        <source>Choose another intent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="186"/>
        <source>Intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="187"/>
        <source>Unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="188"/>
        <source>The message fits none of the known intents well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="189"/>
        <source>Waiting for a customer message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="190"/>
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
        <location filename="../../assist/ui/console_models.py" line="187"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="187"/>
        <source>drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="190"/>
        <source>Promote selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="191"/>
        <source>A/B test selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="193"/>
        <source>New conversations get the active version or the selected one at random; compare them in the A/B table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="195"/>
        <source>Stop A/B test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="196"/>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="197"/>
        <source>Return to the chosen version (default: the one active before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="199"/>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="203"/>
        <source>Fast (head-only intent / short draft fine-tune)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="204"/>
        <source>Retrain from logged data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="205"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="207"/>
        <source>Model registry (one active version per kind; desks switch without restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="232"/>
        <source>the previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="238"/>
        <source>%1 (instant demo engines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="240"/>
        <source>%1 (first-run default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="245"/>
        <source>instant-%1 (instant demo engines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="290"/>
        <source>promoted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="296"/>
        <source>A/B test started: new conversations get the active version or %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="302"/>
        <source>no A/B test was running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="304"/>
        <source>A/B test of %1 stopped: everyone gets the active version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="312"/>
        <source>%1 rolled back to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="333"/>
        <source>nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="340"/>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="373"/>
        <source>retraining %1 in a separate process…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="395"/>
        <source>cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="416"/>
        <source>not retrained: nothing was trained and nothing changed for the agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="421"/>
        <source>retrain did not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="426"/>
        <source>candidate %1: %2. Select it and press Promote to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="439"/>
        <source>Not enough data to retrain the draft model: %1 reply pairs; need at least %2. Missing: %3 more replies sent by agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="447"/>
        <source>%1 more examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="449"/>
        <source>examples of at least 2 intents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="454"/>
        <source>more examples of %1 intents (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="457"/>
        <source>Not enough data to retrain the intent model: %1 examples in %2 intents; need at least %3 and %4 per intent. Missing: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="460"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../assist/ui/problems.py" line="45"/>
        <source>no draft model yet: the first-run training is making one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="49"/>
        <source>text generation is turned off in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="53"/>
        <source>the remote generator has no URL in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="57"/>
        <source>the generator setting is not one Assist knows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="61"/>
        <source>the draft generator is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="65"/>
        <source>the draft generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="41"/>
        <location filename="../../assist/ui/problems.py" line="69"/>
        <source>the draft model did not load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="31"/>
        <source>the new database URL applies when the desk restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="35"/>
        <source>models are not loaded in this desk (--fake-engines): model settings apply when it starts without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="73"/>
        <source>the demo shop cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="77"/>
        <source>the intent model did not load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="81"/>
        <source>no intent engine is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="85"/>
        <source>no trained intent model yet: using the demo shop&apos;s quick matcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="89"/>
        <source>the draft engine did not load: serving library drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="93"/>
        <source>no draft engine is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="97"/>
        <source>the A/B test is not running on this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="101"/>
        <source>the model registry cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="114"/>
        <source>intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="115"/>
        <source>draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="120"/>
        <source>%1: the instant demo engine is in use (a supervisor rolled back to it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="126"/>
        <source>the active %1 is broken: serving the last good version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="130"/>
        <source>the active %1 is broken: serving the demo engines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="148"/>
        <source>drafts are retrieved only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="154"/>
        <source>a problem occurred (details in the tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="123"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="125"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="126"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="135"/>
        <source>fitting the classifier head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="136"/>
        <source>fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="137"/>
        <source>pretraining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="138"/>
        <source>encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="139"/>
        <source>training drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="140"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="141"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="142"/>
        <source>evaluating on held-out data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="161"/>
        <source>step %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="173"/>
        <source>stopped without finishing (the desk was killed); resumed as run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="183"/>
        <source>about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromoteDialog</name>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="55"/>
        <source>it was never scored on the evaluation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="57"/>
        <source>it was scored against %1, but %2 is active now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="59"/>
        <source>only %1 evaluation rows (need at least %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="61"/>
        <source>the active model %1 could not be scored on these rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="63"/>
        <source>no comparison recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="64"/>
        <source>cannot compare: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="70"/>
        <source>Promote %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="82"/>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="83"/>
        <source>Active now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="83"/>
        <source>none (the instant demo engines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="84"/>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="85"/>
        <source>Evaluation rows (same for both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="86"/>
        <source>Candidate score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="87"/>
        <source>Active score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="88"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="89"/>
        <source>95 % interval of the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="90"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="101"/>
        <source>Promote anyway: I accept that the agents may get worse results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="103"/>
        <source>Reason (required, recorded in the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="124"/>
        <source>%1 is not shown to be better than the active model on the fixed evaluation set. Promoting it changes what every agent sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="131"/>
        <source>%1 is better than the active model on the fixed evaluation set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="143"/>
        <source>Promote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="146"/>
        <source>Promote anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCoreApplication.self.window</name>
    <message>
        <location filename="../../assist/ui/session.py" line="402"/>
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
        <location filename="../../assist/ui/settings_dialog.py" line="146"/>
        <source>Model directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="203"/>
        <source>Connecting to the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="283"/>
        <source>%1 must be an http:// or https:// address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="285"/>
        <source>%1 is too short: use at least %2 random characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="290"/>
        <source>%1 %2 cannot be used: another program may be listening on it (the reason is in the tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="293"/>
        <source>%1 must be between 1 and 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="295"/>
        <source>%1 cannot be used: an in-memory database keeps nothing; name a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="299"/>
        <source>%1 cannot be used: the database did not answer or refused the login (see the tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="303"/>
        <source>%1 cannot be used: its folder does not exist or is not a folder (see the tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="308"/>
        <source>%1 cannot be used: not an SQLAlchemy URL, or its driver is unknown or not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="315"/>
        <source>%1 &apos;%2&apos; holds no model: choose the folder that training wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="319"/>
        <source>%1 &apos;%2&apos; does not exist or is not a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="322"/>
        <source>These settings cannot be saved (the reason is in the tooltip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="325"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="327"/>
        <source>Agent name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="328"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="329"/>
        <source>Database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="330"/>
        <source>Intent model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="331"/>
        <source>Draft model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="332"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="333"/>
        <source>Ingest port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="334"/>
        <source>Ingest token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="335"/>
        <source>Outbound webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="339"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="340"/>
        <source>empty: the built-in SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="341"/>
        <location filename="../../assist/ui/settings_dialog.py" line="342"/>
        <source>empty: the active model in the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="343"/>
        <source>empty: replies stay in the local outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="346"/>
        <source>Agent name, language, models, device, ingest and webhook apply at once; a new database URL applies when the desk restarts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorConsole</name>
    <message>
        <location filename="../../assist/ui/console.py" line="227"/>
        <source>intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="228"/>
        <source>agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="229"/>
        <source>model version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="230"/>
        <source>draft source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="231"/>
        <source>rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="232"/>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="239"/>
        <source>Assist — supervisor console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="241"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="242"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="243"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="244"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="248"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="249"/>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="250"/>
        <source>Break down by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="254"/>
        <source>Acceptance funnel (acceptance = sent from a draft / sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="255"/>
        <source>By day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="256"/>
        <source>Agent corrections (predicted -&gt; corrected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="257"/>
        <source>Intents with low confidence or many corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="258"/>
        <source>Model comparison (95% Wilson intervals; latency in ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="259"/>
        <source>A/B split (conversations assigned at random)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="261"/>
        <source>Customer satisfaction (CSAT 1-5; 4-5 counts as satisfied) by how replies were written, with 95% intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="264"/>
        <source>Agents&apos; ratings of drafts (thumbs up / down, and why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="270"/>
        <source>Funnel by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272"/>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272"/>
        <source>Breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272"/>
        <source>Intent quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="281"/>
        <source>unedited draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="282"/>
        <source>edited draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="283"/>
        <source>no draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="303"/>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="305"/>
        <source>acceptance %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="307"/>
        <source>no replies in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="309"/>
        <source>cannot read the figures: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message numerus="yes">
        <location filename="../../assist/ui/console_common.py" line="342"/>
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
        <location filename="../../assist/ui/console.py" line="115"/>
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
    <message>
        <location filename="../../assist/ui/console_trail.py" line="113"/>
        <source>No log: this job was refused before any training started (see its message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="115"/>
        <source>No log yet (or its file was removed).</source>
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
