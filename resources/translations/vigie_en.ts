<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). Try again later.</source>
        <translation>
            <numerusform>The server did not answer within %n second. Try again later.</numerusform>
            <numerusform>The server did not answer within %n seconds. Try again later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdleTimeoutChoices</name>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionDisplay</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>about %n hour</numerusform>
            <numerusform>about %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigie::client::AuditEventModel</name>
    <message numerus="yes">
        <source>%n session(s) on your account were signed out by support, the latest on %1 at %2.</source>
        <translation>
            <numerusform>%n session on your account was signed out by support, the latest on %1 at %2.</numerusform>
            <numerusform>%n sessions on your account were signed out by support, the latest on %1 at %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigie::widgets::AccountSecurityDialog</name>
    <message numerus="yes">
        <source>Your password has been changed, and %n other session(s) were signed out.</source>
        <translation>
            <numerusform>Your password has been changed, and %n other session was signed out.</numerusform>
            <numerusform>Your password has been changed, and %n other sessions were signed out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigie::widgets::MainWindow</name>
    <message numerus="yes">
        <source>Password changed; %n other session(s) signed out.</source>
        <translation>
            <numerusform>Password changed; %n other session signed out.</numerusform>
            <numerusform>Password changed; %n other sessions signed out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SessionsWidget</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sign out all %n other session(s)</source>
        <translation>
            <numerusform>Sign out all %n other session</numerusform>
            <numerusform>Sign out all %n other sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sign out %n other session(s)?</source>
        <translation>
            <numerusform>Sign out %n other session?</numerusform>
            <numerusform>Sign out %n other sessions?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Signed out %n other session(s).</source>
        <translation>
            <numerusform>Signed out %n other session.</numerusform>
            <numerusform>Signed out %n other sessions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SupportWidget</name>
    <message numerus="yes">
        <source>S&amp;essions (%n)</source>
        <translation>
            <numerusform>S&amp;essions (%n)</numerusform>
            <numerusform>S&amp;essions (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A&amp;udit trail (%n)</source>
        <translation>
            <numerusform>A&amp;udit trail (%n)</numerusform>
            <numerusform>A&amp;udit trail (%n)</numerusform>
        </translation>
    </message>
</context>
</TS>
